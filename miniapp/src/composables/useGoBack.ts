import { useRouter } from 'vue-router';

/** Back to the previous screen, or — opened straight from a link, with nothing to go back to — to 待审核. */
export function useGoBack(): () => void {
  const router = useRouter();
  return () => {
    if (window.history.state?.back) router.back();
    else void router.replace('/pending');
  };
}
