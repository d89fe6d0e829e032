// Vue's full build (runtime + template compiler) has the types of `vue`.
declare module 'vue/dist/vue.esm-bundler.js' {
  export * from 'vue';
}
