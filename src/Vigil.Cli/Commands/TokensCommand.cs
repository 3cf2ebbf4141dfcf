using System.CommandLine;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Vigil.Security;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil tokens create|list|revoke</c>: personal API tokens, for remote mode and scripts.</summary>
internal static class TokensCommand
{
    public static Command Build(CliConsole console)
    {
        var command = new Command("tokens", "Manage an account's API tokens (for 'vigil --server' and scripts).");
        command.Subcommands.Add(Create(console));
        command.Subcommands.Add(List(console));
        command.Subcommands.Add(Revoke(console));
        return command;
    }

    private static Option<string> UserOption() => new("--user", "-u") { Description = "The account the token belongs to.", Required = true };

    private static Command Create(CliConsole console)
    {
        var name = new Argument<string>("name") { Description = "What the token is for (\"laptop CLI\")." };
        var user = UserOption();
        var scope = new Option<string>("--scope") { Description = "read (default) or read-write (never more than the account may do).", DefaultValueFactory = _ => "read" };
        scope.AcceptOnlyFromAmong("read", "read-write");
        var days = new Option<int>("--days") { Description = $"Days until it expires (1 to {ApiTokens.MaxLifetime.TotalDays:F0}; default 90).", DefaultValueFactory = _ => 90 };
        days.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is var d && (d < 1 || d > ApiTokens.MaxLifetime.TotalDays))
            {
                r.AddError($"days: a token lives between 1 and {ApiTokens.MaxLifetime.TotalDays:F0} days, not {d}.");
            }
        });
        var command = new Command("create", "Create a token. Its secret is printed once, on standard output: store it now (e.g. in a file for --token-file).")
        {
            name, user, scope, days,
        };
        command.SetAction((parse, ct) => WithAccountAsync(parse, console, parse.GetValue(user)!, async (services, account) =>
        {
            ApiTokens.TryParseScope(parse.GetValue(scope), out var tokenScope);
            var made = await services.GetRequiredService<ApiTokens>().CreateAsync(
                account, parse.GetValue(name)!, tokenScope, TimeSpan.FromDays(parse.GetValue(days)), console.Actor, ct);
            // Only the secret goes to standard output, so that `vigil tokens create … > file` keeps just it.
            await console.Output.WriteLineAsync(made.Secret);
            await console.Error.WriteLineAsync(
                $"Token {made.Token.Id} '{made.Token.Name}' for {account.UserName}: {made.Token.Scope}, expires {made.Token.ExpiresAt:yyyy-MM-dd}. " +
                "This is the only time its secret is shown; Vigil keeps only a hash of it.");
            return VigilCommand.ExitCodes.Ok;
        }));
        return command;
    }

    private static Command List(CliConsole console)
    {
        var user = UserOption();
        var command = new Command("list", "List an account's tokens (never their secrets).") { user };
        command.SetAction((parse, ct) => WithAccountAsync(parse, console, parse.GetValue(user)!, async (services, account) =>
        {
            var tokens = await services.GetRequiredService<ApiTokens>().ListAsync(account.Id, ct);
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            static string Day(DateTime? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
            await Table.WriteAsync(console.Output, ["ID", "NAME", "PREFIX", "SCOPE", "CREATED", "EXPIRES", "LAST USED", "STATE"],
                tokens.Select(t => new[]
                {
                    t.Id.ToString(CultureInfo.InvariantCulture), t.Name, t.Prefix, t.Scope, Day(t.CreatedAt), Day(t.ExpiresAt), Day(t.LastUsedAt),
                    t.RevokedAt is not null ? "revoked" : t.ExpiresAt <= now ? "expired" : "live",
                }));
            return VigilCommand.ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Revoke(CliConsole console)
    {
        var id = new Argument<long>("id") { Description = "The token's id (from 'vigil tokens list')." };
        var user = UserOption();
        var command = new Command("revoke", "Revoke a token: it stops working at once.") { id, user };
        command.SetAction((parse, ct) => WithAccountAsync(parse, console, parse.GetValue(user)!, async (services, account) =>
        {
            if (!await services.GetRequiredService<ApiTokens>().RevokeAsync(account.Id, parse.GetValue(id), console.Actor, ct))
            {
                await console.Error.WriteLineAsync($"id: {account.UserName} has no token {parse.GetValue(id)}.");
                return VigilCommand.ExitCodes.InvalidInput;
            }
            await console.Output.WriteLineAsync($"Revoked token {parse.GetValue(id)} of {account.UserName}.");
            return VigilCommand.ExitCodes.Ok;
        }));
        return command;
    }

    private static Task<int> WithAccountAsync(ParseResult parse, CliConsole console, string userName, Func<IServiceProvider, Account, Task<int>> work) =>
        CliHost.RunAsync(parse, console, async services =>
        {
            await CliHost.MigrateAsync(services);
            var account = await services.GetRequiredService<UserManager<Account>>().FindByNameAsync(userName.Trim());
            if (account is null)
            {
                await console.Error.WriteLineAsync($"user: there is no account named '{userName}'.");
                return VigilCommand.ExitCodes.InvalidInput;
            }
            return await work(services, account);
        });
}
