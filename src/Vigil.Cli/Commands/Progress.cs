using Spectre.Console;

namespace Vigil.Cli.Commands;

/// <summary>
/// Shows a live status line while long work runs, when a person is watching a terminal; scripts and
/// redirected output get plain lines only.
/// </summary>
internal static class Progress
{
    public static async Task<T> ShowAsync<T>(TextWriter output, string what, Func<Task<T>> work)
    {
        if (!ReferenceEquals(output, Console.Out) || Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            return await work();
        }
        return await AnsiConsole.Status().Spinner(Spinner.Known.Dots).StartAsync(what, _ => work());
    }
}
