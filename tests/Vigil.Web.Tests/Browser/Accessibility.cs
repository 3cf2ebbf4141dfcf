using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using Microsoft.Playwright;

namespace Vigil.Web.Tests.Browser;

/// <summary>
/// The accessibility check under every browser test: axe-core (committed under Browser/axe with its
/// licence) with the WCAG 2.0/2.1 A and AA rules, and a reflow check, at 1,280 px and at 320 px.
/// </summary>
/// <remarks>
/// <see cref="BrowserSession.Browser"/> hands out contexts that note every page their tests load. When a
/// context is closed, each page it loaded is opened again, as the same person (the same cookies and
/// headers) in a context of its own, at both widths, and checked; a finding fails the test that closes
/// the context, naming the rule, the page and the element. Tests added later are checked without a line
/// of their own. The pages are checked once per session (same path, same person), to keep the suite quick.
/// </remarks>
public sealed class Accessibility(Func<IBrowser> browser)
{
    /// <summary>The viewports: a laptop, and 320 CSS px (1,280 px at 400 % zoom, WCAG 1.4.10).</summary>
    public static readonly IReadOnlyList<ViewportSize> Widths = [new() { Width = 1280, Height = 800 }, new() { Width = 320, Height = 640 }];

    private static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    private static readonly Lazy<string> AxeScript = new(() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Browser", "axe", "axe.min.js")));

    private readonly HashSet<string> _checked = [];
    private readonly Lock _lock = new();

    /// <summary>Every page (path and person) checked so far, for the dedicated test's report.</summary>
    public IReadOnlyCollection<string> Checked
    {
        get { lock (_lock) { return [.. _checked]; } }
    }

    /// <summary>Wraps a browser so that its contexts are checked when closed.</summary>
    public IBrowser Watch(IBrowser inner, string baseUrl)
    {
        var proxy = DispatchProxy.Create<IBrowser, WatchedBrowser>();
        ((WatchedBrowser)(object)proxy).Init(inner, this, baseUrl);
        return proxy;
    }

    /// <summary>
    /// Checks the pages a watched context loaded that are not checked yet, and returns the findings
    /// (empty when all is well). A context that is not watched has nothing to check.
    /// </summary>
    public static Task<IReadOnlyList<string>> AuditAsync(IBrowserContext context) =>
        context is WatchedContext watched ? watched.AuditAsync() : Task.FromResult<IReadOnlyList<string>>([]);

    /// <summary>Checks the given paths as the person of a watched context (its headers and cookies).</summary>
    public static Task<IReadOnlyList<string>> CheckAsync(IBrowserContext context, IEnumerable<string> paths) =>
        context is WatchedContext watched ? watched.AuditAsync(paths)
            : throw new ArgumentException("Only a context of BrowserSession.Browser can be checked.", nameof(context));

    /// <summary>Checks the given paths (relative to the base URL) as the person of the context's options.</summary>
    internal async Task<IReadOnlyList<string>> CheckAsync(IEnumerable<string> paths, string baseUrl, BrowserNewContextOptions? options, string? storageState)
    {
        var auth = options?.ExtraHTTPHeaders?.FirstOrDefault(h => h.Key == "Authorization").Value;
        var person = auth is { Length: > 6 } ? "token " + auth[^6..]
            : storageState is not null && storageState.Contains("Identity", StringComparison.Ordinal) ? "signed in" : "anonymous";
        List<string> todo;
        lock (_lock)
        {
            todo = [.. paths.Distinct().Where(p => _checked.Add($"{p} ({person})"))];
        }
        if (todo.Count == 0)
        {
            return [];
        }
        await using var context = await browser().NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            ExtraHTTPHeaders = options?.ExtraHTTPHeaders,
            StorageState = storageState,
            ViewportSize = Widths[0],
        });
        var page = await context.NewPageAsync();
        var findings = new List<string>();
        foreach (var path in todo)
        {
            foreach (var width in Widths)
            {
                await page.SetViewportSizeAsync(width.Width, width.Height);
                var response = await page.GotoAsync(path);
                if (response is null || !(response.Headers.TryGetValue("content-type", out var type) && type.StartsWith("text/html", StringComparison.Ordinal)))
                {
                    break;
                }
                findings.AddRange(await RunAxeAsync(page, $"{path} ({person})"));
                if (width.Width <= 320)
                {
                    findings.AddRange(await ReflowAsync(page, $"{path} ({person})"));
                }
            }
        }
        return findings;
    }

    /// <summary>Runs axe-core with the WCAG 2.0/2.1 A and AA rules on the page as it is now.</summary>
    public static async Task<IReadOnlyList<string>> RunAxeAsync(IPage page, string? label = null)
    {
        // Evaluated as a function body: the page's Content-Security-Policy forbids inline scripts and
        // eval, but not the browser's own evaluation.
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync("() => {\n" + AxeScript.Value + "\n}");
        }
        var result = await page.EvaluateAsync<JsonElement>(
            """
            async tags => {
              const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
              return r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ') + (n.failureSummary ? ' (' + n.failureSummary.replace(/\s+/g, ' ') + ')' : '')) }));
            }
            """, Tags);
        var where = label ?? new Uri(page.Url).PathAndQuery;
        var width = page.ViewportSize?.Width;
        return [.. result.EnumerateArray().SelectMany(v => v.GetProperty("nodes").EnumerateArray().Select(n =>
            $"axe {v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}) on {where} at {width} px: {n.GetString()}: {v.GetProperty("help").GetString()}"))];
    }

    /// <summary>
    /// WCAG 1.4.10: the document is no wider than the viewport, and a table wider than the viewport
    /// scrolls inside a box of its own.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ReflowAsync(IPage page, string? label = null)
    {
        var problems = await page.EvaluateAsync<string[]>(
            """
            () => {
              const vw = document.documentElement.clientWidth, out = [];
              const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.classList.length ? '.' + [...e.classList].join('.') : '');
              const scrolls = e => { for (let p = e.parentElement; p; p = p.parentElement) { const o = getComputedStyle(p).overflowX; if ((o === 'auto' || o === 'scroll' || o === 'hidden') && p !== document.body && p !== document.documentElement) return p; } return null; };
              if (document.documentElement.scrollWidth > vw) {
                const wide = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > vw + 0.5 && !scrolls(e)).slice(0, 5).map(name);
                out.push(`the page is ${document.documentElement.scrollWidth} px wide in a ${vw} px viewport (past the edge: ${wide.join(', ')})`);
              }
              for (const t of document.querySelectorAll('table')) {
                const box = scrolls(t);
                if (t.getBoundingClientRect().width > vw && !(box && box.clientWidth <= vw)) out.push(`${name(t)} is wider than the viewport and does not scroll in a box of its own`);
              }
              return out;
            }
            """);
        var where = label ?? new Uri(page.Url).PathAndQuery;
        return [.. problems.Select(p => $"reflow on {where} at {page.ViewportSize?.Width} px: {p}")];
    }

    private static object? Forward(object target, MethodInfo method, object?[]? args)
    {
        try
        {
            return method.Invoke(target, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    /// <summary>A browser whose new contexts are watched.</summary>
    public class WatchedBrowser : DispatchProxy
    {
        private IBrowser _inner = null!;
        private Accessibility _owner = null!;
        private string _baseUrl = "";

        internal void Init(IBrowser inner, Accessibility owner, string baseUrl) => (_inner, _owner, _baseUrl) = (inner, owner, baseUrl);

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            var result = Forward(_inner, targetMethod!, args);
            return targetMethod!.Name == nameof(IBrowser.NewContextAsync) && result is Task<IBrowserContext> created
                ? WrapAsync(created, args is { Length: > 0 } ? args[0] as BrowserNewContextOptions : null)
                : result;
        }

        private async Task<IBrowserContext> WrapAsync(Task<IBrowserContext> created, BrowserNewContextOptions? options)
        {
            var inner = await created;
            var proxy = DispatchProxy.Create<IBrowserContext, WatchedContext>();
            ((WatchedContext)(object)proxy).Init(inner, _owner, _baseUrl, options);
            return proxy;
        }
    }

    /// <summary>A context that notes the pages it loads and has them checked when it closes.</summary>
    public class WatchedContext : DispatchProxy
    {
        private IBrowserContext _inner = null!;
        private Accessibility _owner = null!;
        private string _baseUrl = "";
        private BrowserNewContextOptions? _options;
        private readonly List<string> _paths = [];
        private bool _closed;

        internal void Init(IBrowserContext inner, Accessibility owner, string baseUrl, BrowserNewContextOptions? options)
        {
            (_inner, _owner, _baseUrl, _options) = (inner, owner, baseUrl.TrimEnd('/'), options);
            inner.Page += (_, page) => page.Load += (_, loaded) => Note(loaded.Url);
        }

        private void Note(string url)
        {
            if (!url.StartsWith(_baseUrl + "/", StringComparison.Ordinal))
            {
                return;
            }
            var path = url[_baseUrl.Length..];
            if (path.StartsWith("/api/", StringComparison.Ordinal) || path.StartsWith("/openapi", StringComparison.Ordinal))
            {
                return;
            }
            lock (_paths)
            {
                _paths.Add(path);
            }
        }

        internal async Task<IReadOnlyList<string>> AuditAsync(IEnumerable<string>? more = null)
        {
            // Load events can arrive after the navigation that raised them has returned: the pages'
            // current addresses are noted too, so the last page of a test is never missed.
            if (!_closed)
            {
                foreach (var open in _inner.Pages)
                {
                    Note(open.Url);
                }
            }
            string[] paths;
            lock (_paths)
            {
                paths = [.. _paths, .. more ?? []];
                _paths.Clear();
            }
            if (paths.Length == 0 || _closed)
            {
                return [];
            }
            var state = await _inner.StorageStateAsync();
            return await _owner.CheckAsync(paths, _baseUrl, _options, state);
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            var name = targetMethod!.Name;
            if (name is nameof(IAsyncDisposable.DisposeAsync))
            {
                return new ValueTask(CloseCheckedAsync(() => _inner.DisposeAsync().AsTask()));
            }
            if (name is nameof(IBrowserContext.CloseAsync))
            {
                return CloseCheckedAsync(() => (Task)Forward(_inner, targetMethod, args)!);
            }
            return Forward(_inner, targetMethod, args);
        }

        private async Task CloseCheckedAsync(Func<Task> close)
        {
            IReadOnlyList<string> findings;
            try
            {
                findings = await AuditAsync();
            }
            finally
            {
                _closed = true;
                await close();
            }
            if (findings.Count > 0)
            {
                throw new AccessibilityException(findings);
            }
        }
    }
}

/// <summary>Accessibility findings on pages a browser test visited.</summary>
public sealed class AccessibilityException(IReadOnlyList<string> findings)
    : Exception($"{findings.Count} accessibility finding(s) on pages this test visited:\n" + string.Join("\n", findings));
