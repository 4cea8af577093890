// Runs before `npm test`: on an old Node the suite would end in a cryptic crash; say it plainly instead.
const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
  process.stderr.write(`Projektet kräver Node.js 22 eller senare (du kör ${process.versions.node}); se .nvmrc.\n`);
  process.exit(1);
}
