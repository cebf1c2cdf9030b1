// Stands in for packages left out of the bundle (scripts/build.ts, NCC_EXTERNALS): only code
// paths databricks-halt never takes import them.
const unbundled = (name) => () => {
  throw new Error(`${name} is not part of the databricks-halt bundle`)
}
export default unbundled('open')
export const tableFromIPC = unbundled('apache-arrow')
