// Typesets TeX with KaTeX at build time for the MkDocs math hook.
// Protocol: one JSON request per line on stdin, {"tex": "...", "display": bool};
// one JSON reply per line on stdout, {"html": "..."} or {"error": "..."}.
const katex = require("katex");
const readline = require("readline");

const rl = readline.createInterface({ input: process.stdin, terminal: false });
rl.on("line", (line) => {
  let reply;
  try {
    const { tex, display } = JSON.parse(line);
    reply = { html: katex.renderToString(tex, { displayMode: display, throwOnError: true, output: "htmlAndMathml", strict: "error" }) };
  } catch (err) {
    reply = { error: String(err && err.message ? err.message : err) };
  }
  process.stdout.write(JSON.stringify(reply) + "\n");
});
