import { ref } from 'vue';
import { describeError } from '../api/errorMessage';

/** What a sheet's input builder answers: the request body, or why it cannot be sent. */
export type FormCheck<T> = { ok: true; input: T } | { ok: false; message: string };

/**
 * The submit of a confirmation sheet: a local check first, then one request at a time, its error shown
 * in the sheet (in the app's words) and the result handed on. `reset` clears the error when it reopens.
 */
export function useSheetSubmit() {
  const submitting = ref(false);
  const formError = ref<string | null>(null);

  async function submit<I, R>(check: FormCheck<I>, send: (input: I) => Promise<R>, done: (result: R) => void): Promise<void> {
    if (!check.ok) {
      formError.value = check.message;
      return;
    }
    submitting.value = true;
    formError.value = null;
    try {
      done(await send(check.input));
    } catch (error) {
      formError.value = describeError(error);
    } finally {
      submitting.value = false;
    }
  }

  return { submitting, formError, submit, reset: () => void (formError.value = null) };
}
