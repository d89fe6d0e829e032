/**
 * Vue 3 example (demo/examples/vue.html), run end to end by
 * test/e2e/examples.ui.spec.ts. The part between the `readme` markers is
 * copied into README.md (test/e2e/readme-snippets.api.spec.ts keeps them equal).
 * With single-file components, set `isCustomElement` in @vitejs/plugin-vue's
 * `template.compilerOptions` instead of `app.config.compilerOptions`.
 */
// #region readme
// With a template string, alias `vue` to Vue's full build (vue/dist/vue.esm-bundler.js) in vite.config.
import { createApp, ref } from 'vue';
import 'oauth-connect/define';
import type { ConnectErrorEvent, ConnectSuccessEvent } from 'oauth-connect';

// Your provider's authorization endpoint; this page has it in a <meta name="authorize-url">.
const authorizeUrl = document.querySelector<HTMLMetaElement>('meta[name=authorize-url]')!.content;

const app = createApp({
  template: `
    <oauth-connect
      :authorize-url="authorizeUrl"
      client-id="demo-client"
      redirect-uri="/callback.html"
      scope="profile email"
      @connect-success="onSuccess"
      @connect-error="onError"
    ></oauth-connect>
    <p role="status">{{ message }}</p>`,
  setup() {
    const message = ref('Not signed in.');
    const onSuccess = async ({ detail }: ConnectSuccessEvent) => {
      // Your server exchanges the code (oauth-connect/server) and says who signed in.
      const response = await fetch('/api/exchange', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(detail),
      });
      const { user } = await response.json();
      message.value = `Signed in as ${user.name}`;
    };
    const onError = ({ detail }: ConnectErrorEvent) => (message.value = `Sign-in failed: ${detail.error}`);
    return { authorizeUrl, message, onSuccess, onError };
  },
});
// <oauth-connect> is a custom element, not a Vue component.
app.config.compilerOptions.isCustomElement = (tag) => tag == 'oauth-connect';
app.mount('#app');
// #endregion readme
