// Files the app imports by URL (`import url from './file.json?url'`): Vite copies them into the
// build under a name with their content hash and gives their address.
declare module '*?url' {
  const url: string;
  export default url;
}
