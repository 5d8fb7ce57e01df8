/**
 * The tag a site owner pastes in their pages. `origin` is where Vigie is reachable from the
 * visitors' browsers (VIGIE_PUBLIC_URL, or the dashboard's own origin).
 * Example: snippetFor('https://vigie.example.fr', 'k3y') ->
 *   <script defer src="https://vigie.example.fr/t.js" data-site="k3y"></script>
 */
export function snippetFor(origin: string, siteKey: string): string {
  return `<script defer src="${origin.replace(/\/+$/, '')}/t.js" data-site="${siteKey}"></script>`;
}
