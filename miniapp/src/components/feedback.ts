/**
 * Vant's function-style toasts and dialogs, with their stylesheets. Templates get Vant components and
 * styles from the resolver in vite.config.ts; these are called from script, so pages import them here.
 */
import 'vant/es/toast/style';
import 'vant/es/dialog/style';

export { showConfirmDialog, showFailToast, showSuccessToast, showToast } from 'vant';
