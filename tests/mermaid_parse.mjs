// Mermaid's own parse of journey diagrams, for the tests: what Mermaid 11's journey database holds.
//
// Reads a JSON object {name: diagram text} on stdin and prints {name: result} on stdout, where a
// result is {title, accTitle, accDescription, sections, tasks: [{section, task, score, people}]}
// or {error}, as Mermaid holds them after rendering the diagram. The journey parser itself runs without a DOM, but Mermaid runs titles through
// DOMPurify, which needs one, and the whole path (front matter, directives, entity decoding)
// is Mermaid's only in its bundle: so every diagram is parsed in one headless Chromium page,
// one browser start for all of them.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const tools = new URL("../tools/mermaid/", import.meta.url);
const require = createRequire(tools);
const puppeteer = require("puppeteer");
const settings = JSON.parse(readFileSync(new URL("puppeteer.json", tools), "utf8"));
const bundle = require.resolve("mermaid/dist/mermaid.min.js");

const diagrams = JSON.parse(readFileSync(0, "utf8"));
const browser = await puppeteer.launch({ headless: true, ...settings });
try {
  const page = await browser.newPage();
  await page.addScriptTag({ path: bundle });
  const results = await page.evaluate(async (diagrams) => {
    const api = globalThis.mermaid.mermaidAPI;
    globalThis.mermaid.initialize({ startOnLoad: false });
    const results = {};
    for (const [name, text] of Object.entries(diagrams)) {
      try {
        const { db } = await api.getDiagramFromText(text);
        // Only rendering passes the front matter's title on to the diagram; `db` is the
        // journey diagram's one database, which keeps what the last parse put in it. Reading
        // tasks adds them to it again, so the rest is read from a fresh parse.
        await globalThis.mermaid.render(`d${Object.keys(results).length}`, text);
        const title = db.getDiagramTitle();
        await api.getDiagramFromText(text);
        const tasks = db.getTasks().map((t) => ({
          section: t.section, task: t.task, score: t.score, people: t.people,
        }));
        results[name] = {
          title, accTitle: db.getAccTitle(),
          accDescription: db.getAccDescription(), sections: [...db.getSections()], tasks,
        };
      } catch (error) {
        results[name] = { error: String(error && error.message || error).split("\n")[0] };
      }
    }
    return results;
  }, diagrams);
  process.stdout.write(JSON.stringify(results));
} finally {
  await browser.close();
}
