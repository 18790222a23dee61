import { App, type FormInstance } from 'antd';
import { isApiError } from '../api';
import { t } from '../i18n';

/** antd's message/modal bound to the app's theme and locale (the static ones are not). */
export function useNotify() {
  return App.useApp();
}

type MessageApi = ReturnType<typeof App.useApp>['message'];

/**
 * Shows an API error where it belongs: each field message on its Form.Item, anything the form
 * cannot show (or an error without fields) as a message.
 */
export function showError(err: unknown, message: MessageApi, form?: FormInstance): void {
  if (!isApiError(err)) {
    message.error((err as Error)?.message || t.common.unknownError);
    return;
  }
  if (form && err.fields) {
    const known = new Set(Object.keys(form.getFieldsValue()));
    const placed: { name: string; errors: string[] }[] = [];
    const rest: string[] = [];
    for (const [key, text] of Object.entries(err.fields)) {
      // a nested path (permissions.0) belongs to its top-level field
      const name = known.has(key) ? key : key.split('.')[0];
      if (known.has(name)) placed.push({ name, errors: [text] });
      else rest.push(text);
    }
    if (placed.length) form.setFields(placed);
    if (rest.length) message.error(rest.join(t.common.listSeparator));
    if (placed.length) return;
  }
  message.error(err.message || t.common.unknownError);
}

/** For mutations: `onError: useErrorHandler(form)`. */
export function useErrorHandler(form?: FormInstance) {
  const { message } = useNotify();
  return (err: unknown) => showError(err, message, form);
}
