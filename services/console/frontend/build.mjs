// Bundles the console's modules and styles (Leaflet's included) into the server's static folder.
import { build } from "esbuild";

const outdir = new URL("../src/console/static/dist/", import.meta.url).pathname;

await build({
  entryPoints: { app: "src/main.js" },
  bundle: true,
  format: "esm",
  target: ["es2020"],
  minify: true,
  sourcemap: false,
  legalComments: "eof",
  outdir,
  // Leaflet's stylesheet names marker images the console never uses (circle markers only).
  loader: { ".png": "dataurl", ".svg": "dataurl" },
  logLevel: "warning",
});
