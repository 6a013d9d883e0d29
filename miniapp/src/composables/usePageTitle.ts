import { readonly, ref } from 'vue';
import { setTitle } from '../platform';

/** The current page's title: shown in our nav bar, the document and DingTalk's navigation bar. */
const title = ref('');

export function usePageTitle() {
  function setPageTitle(value: string): void {
    title.value = value;
    setTitle(value);
  }
  return { title: readonly(title), setPageTitle };
}
