import type { PublicFormReply, LeadSubmit } from '../../server/schemas/lead-forms';

/** What a submission came to, for the form to show. */
export type SubmitResult =
  | { ok: true }
  | { ok: false; status: number; field?: string; message?: string; suggestion?: string };

/** Loads a form's definition, render token and messages in the visitor's language. */
export async function loadForm(origin: string, formId: string, locale: string): Promise<PublicFormReply> {
  const res = await fetch(`${origin}/api/forms/${encodeURIComponent(formId)}?locale=${locale}`, { credentials: 'omit' });
  if (!res.ok) throw new Error(`form ${formId}: HTTP ${res.status}`);
  return (await res.json()) as PublicFormReply;
}

/** Sends the answers as text/plain JSON (no CORS preflight); never throws. */
export async function sendForm(origin: string, formId: string, body: LeadSubmit): Promise<SubmitResult> {
  try {
    const res = await fetch(`${origin}/api/forms/${encodeURIComponent(formId)}/submit`, {
      method: 'POST',
      body: JSON.stringify(body),
      credentials: 'omit',
    });
    if (res.ok) return { ok: true };
    const data = (await res.json().catch(() => null)) as { error?: { field?: string; message?: string; suggestion?: string } } | null;
    return { ok: false, status: res.status, ...data?.error };
  } catch {
    return { ok: false, status: 0 };
  }
}
