"""The portfolio site of a project: every journey's map and flow, an index and cross-journey pages.

`summary` reduces each journey to what the site's pages show (cached between builds, so an
unchanged journey is not read again); `pages` turns the summaries into HTML; `build` plans the
files, renders what changed, and hands the bytes to the CLI, which writes them.
"""
