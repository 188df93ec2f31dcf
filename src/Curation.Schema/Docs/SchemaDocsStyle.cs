namespace Curation.Schema.Docs;

/// <summary>The style sheet of the schema browser, written as <c>style.css</c> next to the pages.</summary>
internal static class SchemaDocsStyle
{
    /// <summary>The CSS text.</summary>
    public const string Css = """
        :root {
          --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --head: #eef2f6; --zebra: #f6f8fa;
          --accent: #0b5cad; --nav: #14324f; --note-bg: #fff8e1; --note-line: #e3c26b;
        }
        * { box-sizing: border-box; }
        html { font-size: 15px; }
        body {
          margin: 0; color: var(--fg); background: #fff; line-height: 1.45;
          font-family: "Segoe UI", "Noto Sans", "Helvetica Neue", Helvetica, Arial, "Liberation Sans", "DejaVu Sans", sans-serif;
        }
        a { color: var(--accent); text-decoration: none; }
        a:hover { text-decoration: underline; }
        code, .mono { font-family: "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace; font-size: 0.92em; }
        nav.top { background: var(--nav); color: #fff; padding: 0.45rem 1.5rem; display: flex; flex-wrap: wrap; gap: 0.2rem 1.1rem; align-items: baseline; }
        nav.top a { color: #d5e6f7; padding: 0.1rem 0; }
        nav.top a.home { color: #fff; font-weight: 600; margin-right: 0.8rem; }
        nav.top a[aria-current="page"] { color: #fff; border-bottom: 2px solid #8cc4ff; }
        main { padding: 0.5rem 1.5rem 3rem; max-width: 1500px; }
        h1 { font-size: 1.6rem; margin: 0.9rem 0 0.3rem; }
        h2 { font-size: 1.25rem; margin: 2rem 0 0.3rem; padding-top: 0.6rem; border-top: 3px solid var(--line); }
        h2 .kind { font-size: 0.75rem; font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em; color: #fff;
          background: var(--muted); border-radius: 3px; padding: 0.1rem 0.4rem; margin-left: 0.6rem; vertical-align: middle; }
        h2 .kind.view { background: #7a4fb3; }
        h2 .kind.template { background: #b36b00; }
        p.lead { color: var(--muted); margin: 0 0 1rem; }
        p.header { font-size: 1.05rem; font-weight: 600; margin: 0.2rem 0 0.5rem; }
        .text p { margin: 0.3rem 0 0.5rem; max-width: 75rem; }
        .note { background: var(--note-bg); border-left: 4px solid var(--note-line); padding: 0.35rem 0.7rem; margin: 0.5rem 0; max-width: 75rem; }
        dl.keys { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0.6rem 0; }
        dl.keys dt { color: var(--muted); font-weight: 600; }
        dl.keys dd { margin: 0; }
        .toc { columns: 2 26rem; column-gap: 2.5rem; margin: 0.4rem 0 1rem; padding-left: 1.2rem; }
        .toc li { break-inside: avoid; margin: 0.1rem 0; }
        .toc .h, .family-list .h { color: var(--muted); }
        .counts { display: flex; gap: 1.5rem; margin: 0.5rem 0 1rem; }
        .counts div { background: var(--zebra); border: 1px solid var(--line); border-radius: 4px; padding: 0.4rem 0.9rem; }
        .counts b { font-size: 1.3rem; display: block; }
        table.cols, table.family-list { border-collapse: separate; border-spacing: 0; width: 100%; table-layout: fixed; margin: 0.5rem 0 1rem; }
        table.cols th, table.cols td, table.family-list th, table.family-list td {
          text-align: left; vertical-align: top; padding: 0.3rem 0.5rem; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
        table.cols > thead th, table.family-list > thead th {
          position: sticky; top: 0; z-index: 1; background: var(--head); border-bottom: 2px solid #aab6c2; font-size: 0.85rem;
          text-transform: uppercase; letter-spacing: 0.03em; color: #39434d; }
        table.cols > tbody > tr:nth-child(even) > td, table.family-list > tbody > tr:nth-child(even) > td { background: var(--zebra); }
        table.cols > tbody > tr:hover > td { background: #e8f1fb; }
        table.cols td.name { font-weight: 600; }
        table.cols td.name .pk { font-size: 0.7rem; font-weight: 700; color: #fff; background: var(--accent); border-radius: 3px; padding: 0 0.3rem; margin-left: 0.3rem; }
        table.cols td.type, table.cols td.ucd, table.cols td.unit { font-family: "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace; font-size: 0.82rem; }
        table.cols td.null { font-size: 0.85rem; color: var(--muted); }
        table.cols td.src { font-size: 0.88rem; }
        table.cols td.src span { display: block; }
        table.cols td.src .extra { color: var(--muted); }
        col.c-name { width: 13%; } col.c-type { width: 8%; } col.c-null { width: 10%; } col.c-unit { width: 7%; }
        col.c-ucd { width: 14%; } col.c-desc { width: 30%; } col.c-src { width: 18%; }
        col.f-name { width: 28%; } col.f-kind { width: 8%; } col.f-cols { width: 8%; }
        .desc table { border-collapse: collapse; margin: 0.3rem 0; font-size: 0.85rem; table-layout: auto; width: auto; }
        .desc table td, .desc table th { border: 1px solid var(--line); padding: 0.1rem 0.4rem; background: transparent; }
        .desc p { margin: 0.2rem 0; }
        details.query { margin: 0.4rem 0 0.8rem; }
        details.query pre { background: var(--zebra); border: 1px solid var(--line); padding: 0.5rem; white-space: pre-wrap; overflow-wrap: anywhere; }
        .empty { color: var(--muted); font-style: italic; }
        footer { color: var(--muted); font-size: 0.85rem; border-top: 1px solid var(--line); margin-top: 2rem; padding-top: 0.5rem; }
        """;
}
