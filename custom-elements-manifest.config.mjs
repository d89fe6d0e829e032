/**
 * `cem analyze --litelement` (part of `npm run build`) writes
 * custom-elements.json from the element's JSDoc (@fires, @slot, @csspart,
 * @cssprop, @attr) and its fields.
 */
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/server/**', 'src/mock-provider/**', 'src/**/*.test.ts'],
  outdir: '.',
  litelement: true,
  // package.json names the manifest already; the analyzer must not rewrite it
  // while the build runs.
  packagejson: false,
  plugins: [
    {
      // The manifest's paths point at the modules a consumer can import
      // (dist/lib/*.js), not at the TypeScript sources that are not shipped.
      name: 'oauth-connect:published-paths',
      packageLinkPhase({ customElementsManifest }) {
        const toDist = (path) => path.replace(/^src\/(.*)\.ts$/, 'dist/lib/$1.js');
        const visit = (node) => {
          if (Array.isArray(node)) node.forEach(visit);
          else if (node && typeof node == 'object')
            for (const [key, value] of Object.entries(node)) {
              if ((key == 'path' || key == 'module') && typeof value == 'string') node[key] = toDist(value);
              else visit(value);
            }
        };
        visit(customElementsManifest.modules);
      },
    },
    {
      // `dispatchEvent(new CustomEvent(type, …))` in a generic helper reads to
      // the analyzer as an event named after the variable. The events are
      // the ones documented with @fires, which always carry a description.
      name: 'oauth-connect:documented-events',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules)
          for (const declaration of mod.declarations ?? [])
            if (declaration.events) declaration.events = declaration.events.filter((event) => event.description);
      },
    },
    {
      // The element's `static properties` is built from its names (clientId:
      // client-id), which the analyzer cannot read; the attributes are
      // documented with @attr. This links each attribute to its property, both ways.
      name: 'oauth-connect:attribute-fields',
      packageLinkPhase({ customElementsManifest }) {
        const camel = (name) => name.replace(/-([a-z])/g, (_, letter) => letter.toUpperCase());
        for (const mod of customElementsManifest.modules)
          for (const declaration of mod.declarations ?? [])
            for (const attribute of declaration.attributes ?? []) {
              const field = declaration.members?.find(
                (member) => member.kind == 'field' && member.name == camel(attribute.name),
              );
              if (!field) continue;
              attribute.fieldName = field.name;
              field.attribute = attribute.name;
              if (['disabled', 'noStatus', 'status', 'noPkce', 'requireIss'].includes(field.name))
                field.reflects = true;
            }
      },
    },
  ],
};
