// The lead-form bundle slot. The tracker loads /form.js only on pages with a
// [data-vigie-form] element; the form itself arrives with the lead-forms issue.
export {};
