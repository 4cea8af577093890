// The one Node.js version check, for the CLI and `npm test`: on an old Node both would end in a cryptic crash.
const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
  process.stderr.write(`Projektet kräver Node.js 22 eller senare (du kör ${process.versions.node}); se .nvmrc.\n`);
  process.exit(1);
}
