import { computed, reactive, ref } from 'vue';
import { isApiRequestError } from '../../app/http';

interface IssueLike {
  readonly path: readonly PropertyKey[];
}

/**
 * Per-field error messages for a form, filled either from the contract schema's issues (checked before
 * sending, with our own plain-language message per field) or from the API's `details[].path`.
 */
export function useFormErrors<F extends string>(fields: readonly F[]) {
  const errors = reactive(Object.fromEntries(fields.map((field) => [field, '']))) as Record<F, string>;
  const formError = ref('');
  const hasErrors = computed(() => fields.some((field) => errors[field] !== '') || formError.value !== '');

  function isField(value: unknown): value is F {
    return typeof value === 'string' && (fields as readonly string[]).includes(value);
  }

  function reset(): void {
    for (const field of fields) errors[field] = '';
    formError.value = '';
  }

  /** Marks each field named by a schema issue with that field's message; true if any. */
  function fromIssues(issues: readonly IssueLike[], message: (field: F) => string): boolean {
    let any = false;
    for (const issue of issues) {
      const field = issue.path[0];
      if (isField(field) && !errors[field]) {
        errors[field] = message(field);
        any = true;
      }
    }
    return any;
  }

  /** Shows an API error: the message on top and each detail next to its field. */
  function fromApi(error: unknown, fallback: string, codeToField: Partial<Record<string, F>> = {}): void {
    if (!isApiRequestError(error)) {
      formError.value = fallback;
      return;
    }
    const byField = error.fieldErrors();
    for (const [field, message] of Object.entries(byField)) {
      if (isField(field)) errors[field] = message;
    }
    const field = codeToField[error.code];
    if (field) errors[field] = error.message;
    formError.value = error.message;
  }

  return { errors, formError, hasErrors, reset, fromIssues, fromApi };
}
