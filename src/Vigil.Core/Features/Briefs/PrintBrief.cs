using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Vigil.Features.Briefs;

/// <summary>Where the headless Chromium that prints briefs to PDF lives (<c>Vigil:Briefs</c>).</summary>
public sealed class BriefOptions
{
    public const string Section = "Vigil:Briefs";

    /// <summary>The Chromium executable; empty: <c>VIGIL_CHROMIUM</c>, else the usual Debian paths.</summary>
    public string? Chromium { get; set; }

    /// <summary>How long one print may take.</summary>
    [Range(5, 600)]
    public int TimeoutSeconds { get; set; } = 90;
}

/// <summary>Chromium could not print (not installed, failed, timed out): the message says which.</summary>
public sealed class BriefPrintException(string message) : Exception(message);

/// <summary>
/// Prints a brief's standalone HTML (<see cref="BriefHtml.Document"/>) to PDF with headless Chromium
/// (<c>--print-to-pdf</c>): the same HTML as the page, no second layout engine and no AGPL library. Each
/// print runs in a throwaway folder with its own profile; the HTML is read from a file, never fetched.
/// </summary>
public sealed class PrintBriefHandler(IOptions<BriefOptions> options)
{
    public async Task<byte[]> HandleAsync(BriefDocument doc, CancellationToken ct = default)
    {
        var chromium = FindChromium(options.Value.Chromium)
            ?? throw new BriefPrintException("No Chromium to print the PDF with: install chromium or set Vigil:Briefs:Chromium (or VIGIL_CHROMIUM).");
        var dir = Directory.CreateTempSubdirectory("vigil-brief-");
        try
        {
            var html = Path.Combine(dir.FullName, "brief.html");
            var pdf = Path.Combine(dir.FullName, "brief.pdf");
            await File.WriteAllTextAsync(html, BriefHtml.Document(doc), ct);
            var start = new ProcessStartInfo(chromium)
            {
                RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
            };
            foreach (var arg in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions",
                "--no-pdf-header-footer", "--user-data-dir=" + Path.Combine(dir.FullName, "profile"), "--print-to-pdf=" + pdf,
                new Uri(html).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(arg);
            }
            using var process = Process.Start(start) ?? throw new BriefPrintException($"Chromium ({chromium}) did not start.");
            var stderr = process.StandardError.ReadToEndAsync(ct);
            _ = process.StandardOutput.ReadToEndAsync(ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new BriefPrintException($"Chromium did not print the brief within {options.Value.TimeoutSeconds} s.");
            }
            if (!File.Exists(pdf) || new FileInfo(pdf).Length == 0)
            {
                throw new BriefPrintException($"Chromium ({chromium}) exited with {process.ExitCode} without a PDF: {(await stderr).Trim().Split('\n').LastOrDefault()}");
            }
            return await File.ReadAllBytesAsync(pdf, ct);
        }
        finally
        {
            try
            {
                dir.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Chromium may still hold its profile for a moment; the temp folder is cleaned by the system.
            }
        }
    }

    private static string? FindChromium(string? configured)
    {
        foreach (var candidate in new[] { configured, Environment.GetEnvironmentVariable("VIGIL_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" })
        {
            if (!string.IsNullOrWhiteSpace(candidate) && File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}

/// <summary>Any brief by its kind (<see cref="BriefKinds"/>) and subject slug: what the page, the API and the CLI call.</summary>
public sealed class GetBriefHandler(CountryBriefHandler country, GapReportHandler gaps, VendorDossierHandler vendor, ScorecardReportHandler scorecard)
{
    public Task<BriefDocument?> HandleAsync(string kind, string subject, CancellationToken ct = default) => kind switch
    {
        BriefKinds.Country => country.HandleAsync(subject, ct),
        BriefKinds.Vendor => vendor.HandleAsync(subject, ct),
        BriefKinds.VendorGaps => gaps.ForVendorAsync(subject, ct),
        BriefKinds.StateGaps => gaps.ForStateAsync(subject, ct),
        BriefKinds.Scorecard => scorecard.HandleAsync(subject, null, ct),
        _ => Task.FromResult<BriefDocument?>(null),
    };
}
