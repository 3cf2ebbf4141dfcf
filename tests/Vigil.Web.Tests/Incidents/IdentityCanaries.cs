using System.Collections.Concurrent;
using FluentAssertions;
using Microsoft.Extensions.Logging;

namespace Vigil.Web.Tests.Incidents;

/// <summary>
/// The real names planted on targets for the canary test: unique strings that must appear in no page,
/// API answer, search, export or log line for anyone not cleared for them.
/// </summary>
public static class IdentityCanaries
{
    public const string PublicPseudonym = "Target-QZ1D";
    public const string PublicRecordName = "Zqxv Identitycanary";
    public const string DoNotNamePseudonym = "Target-QZDN";
    public const string DoNotNameName = "Zqxw Donotnamecanary";
    public const string AssignedEditor = "assigned-editor";

    public static readonly string[] Names = [PublicRecordName, DoNotNameName];

    public static void AssertAbsent(string text, string where)
    {
        foreach (var name in Names)
        {
            // Also the surname alone, as a page might print it.
            if (text.Contains(name, StringComparison.OrdinalIgnoreCase) || text.Contains(name.Split(' ')[1], StringComparison.OrdinalIgnoreCase))
            {
                throw new Xunit.Sdk.XunitException($"A target's identity leaked: {where}");
            }
        }
    }
}

/// <summary>Every log line the app writes (message and exception), kept to be searched by the canary test.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{logLevel} {category}: {formatter(state, exception)} {exception}";
            // State values too (structured logging): a name could sit in a property and not in the message.
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                line += " " + string.Join(" ", values.Select(v => $"{v.Key}={v.Value}"));
            }
            lines.Enqueue(line);
        }
    }

    public void ShouldNotContainAnIdentity() =>
        _lines.Should().NotContain(l => IdentityCanaries.Names.Any(n => l.Contains(n, StringComparison.OrdinalIgnoreCase)
            || l.Contains(n.Split(' ')[1], StringComparison.OrdinalIgnoreCase)));
}
