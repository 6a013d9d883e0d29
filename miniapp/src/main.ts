import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { readSandboxUserHint } from './platform';
import { createAppRouter } from './router';
import { installSessionGuards } from './router/guards';
import { useSessionStore } from './stores/session';
import './styles.css';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);

const router = createAppRouter();
installSessionGuards(router, useSessionStore(pinia), readSandboxUserHint(window.location));
app.use(router);

app.mount('#app');
