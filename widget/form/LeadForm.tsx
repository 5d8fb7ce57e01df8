import { Component, type ComponentChildren } from 'preact';
import { validateLeadValues, type FormField, type LeadLocale } from '../../server/schemas/leads';
import type { PublicFormReply } from '../../server/schemas/lead-forms';
import { loadForm, sendForm } from './api';

export type LeadFormProps = {
  formId: string;
  origin: string;
  locale: LeadLocale;
  /** The consent id of the tracker, when the visitor consented (stitches their earlier visits). */
  cid?: () => string | undefined;
  /** The element the form renders in: its reserved height is kept after sending. */
  host?: HTMLElement;
};

type Values = Record<string, string | boolean>;

const AUTOCOMPLETE: Partial<Record<FormField['type'], string>> = {
  firstName: 'given-name', lastName: 'family-name', email: 'email', phone: 'tel', company: 'organization', jobTitle: 'organization-title',
};

let instances = 0;

/**
 * An embedded lead form. Labels are bound to their inputs, every error is written under its
 * field (aria-invalid + aria-describedby) and listed in a role=alert summary whose links move
 * the focus to the field; native controls keep keyboard use complete. Validation is the shared
 * schema (server/schemas/leads.ts), messages come from the server in the visitor's language.
 */
type State = {
  reply?: PublicFormReply; failed?: boolean; values: Values; errors: Record<string, string>; summary: string[];
  notice: string; suggestion: string; warned: Values; busy?: boolean; sent?: boolean;
};

/**
 * An embedded lead form. Labels are bound to their inputs, every error is written under its
 * field (aria-invalid + aria-describedby) and listed in a role=alert summary whose links move
 * the focus to the field; native controls keep keyboard use complete. Validation is the shared
 * schema (server/schemas/leads.ts), messages come from the server in the visitor's language.
 * A class component: preact/hooks would cost a kilobyte of the bundle's 12 KB budget.
 */
export class LeadForm extends Component<LeadFormProps, State> {
  override state: State = { values: {}, errors: {}, summary: [], notice: '', suggestion: '', warned: {} };
  prefix = `vf${++instances}-`;
  form?: HTMLFormElement | null;
  hp?: HTMLInputElement | null;

  override componentDidMount() {
    const { origin, formId, locale } = this.props;
    loadForm(origin, formId, locale).then((reply) => this.setState({ reply }), () => this.setState({ failed: true }));
  }

  field(key: string) {
    return this.state.reply!.form.fields.find((f) => f.key === key);
  }

  focus(key: string) {
    this.form?.querySelector<HTMLElement>(`#${this.prefix}${key}`)?.focus();
  }

  show(issues: Array<{ field: string; message: string }>) {
    const errors: Record<string, string> = {};
    for (const i of issues) errors[i.field] = i.message;
    this.setState({ errors, summary: issues.map((i) => i.field) });
    if (issues[0]) this.focus(issues[0].field);
  }

  set = (key: string, value: string | boolean) => {
    // An updater, not this.state: several changes may land before the next render.
    this.setState(({ values, errors, reply, suggestion }) => {
      const next = { values: { ...values, [key]: value }, errors, suggestion };
      if (errors[key]) {
        // Once flagged, a field is re-checked as the visitor corrects it.
        const issue = validateLeadValues([this.field(key)!], { [key]: value }).issues[0];
        next.errors = { ...errors, [key]: issue ? reply!.messages[issue.code] : '' };
        if (key === 'email') next.suggestion = '';
      }
      return next;
    });
  };

  submit = async (e: Event) => {
    e.preventDefault();
    const { reply, values, warned, busy } = this.state;
    const { origin, locale, cid, host } = this.props;
    if (busy || !reply) return;
    const m = reply.messages;
    const check = validateLeadValues(reply.form.fields, values);
    this.setState({ notice: '' });
    if (check.issues.length) return this.show(check.issues.map((i) => ({ field: i.field, message: m[i.code] })));
    // Sending a flagged e-mail or phone again unchanged means "keep it".
    const confirm = (['email', 'phone'] as const).filter((k) => warned[k] !== undefined && warned[k] === values[k]);
    this.setState({ busy: true });
    // The definition's id, not the embed's: `demo` names the demo page's form.
    const r = await sendForm(origin, reply.form.id, {
      token: reply.token, values: check.values, hp: this.hp?.value || undefined, cid: cid?.(), locale, confirm, page: location.href.slice(0, 2048),
    });
    this.setState({ busy: false });
    if (r.ok) {
      if (reply.form.redirectUrl) return location.assign(reply.form.redirectUrl);
      // Keep the space the form took, so that the shorter thank-you does not pull the page up.
      if (host && this.form) host.style.minHeight = `${this.form.offsetHeight}px`;
      return this.setState({ sent: true });
    }
    const key = r.field?.replace(/^values\./, '');
    if (r.status === 400 && key && this.field(key)) {
      this.setState({ warned: { ...warned, [key]: values[key]! }, suggestion: r.suggestion ?? '' });
      return this.show([{ field: key, message: r.message ?? m.invalid }]);
    }
    this.setState({ notice: r.status === 429 ? m.rateLimited : r.status === 503 ? m.unavailable : m.failed });
  };

  render({ locale }: LeadFormProps, { reply, failed, values, errors, summary, notice, suggestion, busy, sent }: State) {
    if (failed) return <p>{locale === 'en' ? 'The form could not be loaded.' : 'Le formulaire n’a pas pu être chargé.'}</p>;
    if (!reply) return null;
    const { form, messages: m } = reply;
    if (sent) {
      return (
        <p class="vigie-form" role="status" tabIndex={-1} ref={(el) => el?.focus()}>
          {form.successMessage[locale]}
        </p>
      );
    }
    return (
      <form class="vigie-form" noValidate onSubmit={this.submit} ref={(el) => { this.form = el; }} aria-busy={busy}>
        <div role="alert">
          {summary.length > 0 && (
            <>
              <p>{m.summary}</p>
              <ul>
                {summary.map((key) => (
                  <li key={key}>
                    <a href={`#${this.prefix}${key}`}>{`${this.field(key)!.label[locale].replace(/[\s.:]+$/, '')}${locale === 'fr' ? '\u00a0: ' : ': '}${errors[key] ?? ''}`}</a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
        {form.fields.map((f) => (
          <Field key={f.key} f={f} id={this.prefix + f.key} locale={locale} value={values[f.key]} error={errors[f.key]} onValue={this.set}
            hint={f.type === 'email' && form.businessEmailRequired ? m.emailFree : ''}
            extra={f.type === 'email' && suggestion ? (
              <button type="button" class="vf-link" onClick={() => this.set('email', suggestion)}>
                {m.useSuggestion.replace('{suggestion}', suggestion)}
              </button>
            ) : null}
          />
        ))}
        <div aria-hidden="true" style={{ position: 'absolute', left: '-10000px', width: '1px', height: '1px', overflow: 'hidden' }}>
          <label>
            {m.honeypot}
            <input ref={(el) => { this.hp = el; }} name="website" tabIndex={-1} autoComplete="off" />
          </label>
        </div>
        <button type="submit" disabled={busy}>{busy ? m.sending : form.submitLabel[locale]}</button>
        <p role="status">{notice}</p>
      </form>
    );
  }
}

type FieldProps = {
  f: FormField; id: string; locale: LeadLocale; value: string | boolean | undefined; error: string | undefined; hint: string;
  extra: ComponentChildren; onValue: (key: string, value: string | boolean) => void;
};

/** One field: label, control, hint and the reserved line of its error. */
function Field({ f, id, locale, value, error, hint, extra, onValue }: FieldProps) {
  const label = f.label[locale];
  const described = [hint && `${id}-hint`, error && `${id}-err`].filter(Boolean).join(' ') || undefined;
  const common = {
    id, name: f.key, required: f.required, 'aria-invalid': error ? ('true' as const) : undefined, 'aria-describedby': described,
  };
  const text = (e: Event) => onValue(f.key, (e.currentTarget as HTMLInputElement).value);
  const mark = f.required ? <span aria-hidden="true"> *</span> : null;
  let control;
  if (f.type === 'consent') {
    control = (
      <label class="vf-check">
        <input type="checkbox" {...common} checked={value === true} onChange={(e) => onValue(f.key, e.currentTarget.checked)} />
        <span>{label}{mark}</span>
      </label>
    );
  } else {
    const input = f.type === 'message'
      ? <textarea {...common} value={String(value ?? '')} onInput={text} />
      : f.type === 'select'
        ? (
          <select {...common} value={String(value ?? '')} onChange={text}>
            <option value="" />
            {f.options?.map((o) => <option key={o.value} value={o.value}>{o.label[locale]}</option>)}
          </select>
        )
        : <input {...common} type={(f.type === 'email' ? 'email' : f.type === 'phone' ? 'tel' : 'text') as 'text'} autoComplete={AUTOCOMPLETE[f.type]} value={String(value ?? '')} onInput={text} />;
    control = (
      <>
        <label for={id}>{label}{mark}</label>
        {input}
      </>
    );
  }
  return (
    <div class="vf-field">
      {control}
      {hint && <p class="vf-hint" id={`${id}-hint`}>{hint}</p>}
      <p class="vf-err" id={`${id}-err`}>{error}{extra}</p>
    </div>
  );
}
