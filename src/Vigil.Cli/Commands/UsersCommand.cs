using System.CommandLine;
using Vigil.Model;
using Vigil.Security;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil users</c>: accounts, managed by the operator on the server. There is no default account:
/// <c>vigil users add alice --admin</c> makes the first administrator. Every change goes through
/// <see cref="Accounts"/> (the same rules as the admin pages) and is audited as <c>cli:$USER</c>.
/// </summary>
internal static class UsersCommand
{
    public static Command Build(CliConsole console)
    {
        var command = new Command("users", "Manage accounts: add, list, disable, enable, reset-2fa, set-role, set-clearance, set-victim-data.");
        command.Subcommands.Add(Add(console));
        command.Subcommands.Add(List(console));
        command.Subcommands.Add(Simple(console, "disable", "Disable an account: it cannot sign in, and its sessions and API tokens stop working.",
            (a, actor, name) => a.SetDisabledAsync(actor, name, true), name => $"Disabled {name}."));
        command.Subcommands.Add(Simple(console, "enable", "Enable a disabled account again.",
            (a, actor, name) => a.SetDisabledAsync(actor, name, false), name => $"Enabled {name}."));
        command.Subcommands.Add(Simple(console, "reset-2fa", "Turn two-factor authentication off (a lost phone): they set it up again at their next sign-in.",
            (a, actor, name) => a.ResetTwoFactorAsync(actor, name), name => $"Two-factor authentication of {name} is reset: they must set it up again at their next sign-in."));
        command.Subcommands.Add(SetRole(console));
        command.Subcommands.Add(SetClearance(console));
        command.Subcommands.Add(SetVictimData(console));
        return command;
    }

    private static Argument<string> NameArgument() => new("name") { Description = "The account's user name." };

    private static Option<string?> ClearanceOption(string description)
    {
        var option = new Option<string?>("--clearance") { Description = description };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } value && !Markings.TryParse(value, out _))
            {
                r.AddError($"clearance: '{value}' is not a TLP marking; use CLEAR, GREEN, AMBER, AMBER+STRICT or RED.");
            }
        });
        return option;
    }

    private static Command Add(CliConsole console)
    {
        var name = NameArgument();
        var admin = new Option<bool>("--admin") { Description = "Make an administrator (the admin role, RED clearance unless --clearance says otherwise)." };
        var roles = new Option<string[]>("--role") { Description = $"A role ({string.Join(", ", Roles.All)}); repeat for several. Default: reader.", AllowMultipleArgumentsPerToken = false };
        var clearance = ClearanceOption("The highest marking they may see (default: RED for --admin, CLEAR otherwise).");
        var focalPoint = new Option<string?>("--focal-point") { Description = "For a focal point: the state (ISO 3166-1 alpha-2) they report for; gives the focal-point role." };
        var email = new Option<string?>("--email") { Description = "An email address (optional)." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input (for scripts) instead of asking twice on the terminal." };
        var command = new Command("add", "Create an account. The password is asked for twice on the terminal (not echoed), or read with --password-stdin.")
        {
            name, admin, roles, clearance, focalPoint, email, passwordStdin,
        };
        command.SetAction(async (parse, ct) =>
        {
            var userName = parse.GetValue(name)!;
            var password = await ReadPasswordAsync(console, parse.GetValue(passwordStdin), userName, ct);
            if (password is null)
            {
                return VigilCommand.ExitCodes.Usage;
            }
            var wanted = (parse.GetValue(roles) ?? []).ToList();
            if (parse.GetValue(admin))
            {
                wanted.Add(Roles.Admin);
            }
            var country = parse.GetValue(focalPoint);
            if (country is not null && !wanted.Any(r => Roles.Parse(r) == Roles.FocalPoint))
            {
                wanted.Add(Roles.FocalPoint);
            }
            var level = parse.GetValue(clearance) is { } text && Markings.TryParse(text, out var m) ? m
                : parse.GetValue(admin) ? Marking.Red : Marking.Clear;
            return await CliHost.RunAsync(parse, console, async services =>
            {
                await CliHost.MigrateAsync(services);
                var result = await services.GetRequiredService<Accounts>().AddAsync(
                    console.Actor, userName, parse.GetValue(email), password, wanted.Distinct().ToList(), level, country, ct);
                if (!result.Succeeded)
                {
                    await console.Error.WriteLineAsync(result.Error);
                    return VigilCommand.ExitCodes.InvalidInput;
                }
                var held = wanted.Count == 0 ? [Roles.Reader] : wanted.Select(r => Roles.Parse(r)!).Distinct().ToList();
                await console.Output.WriteLineAsync($"Created {result.Account!.UserName} ({string.Join(", ", held)}; clearance {level.ToLabel()}).");
                await console.Output.WriteLineAsync(held.Any(Roles.NeedingTwoFactor.Contains)
                    ? $"{result.Account.UserName} must set up two-factor authentication at first sign-in: until then the {string.Join(" and ", held.Where(Roles.NeedingTwoFactor.Contains))} role is not in force."
                    : $"{result.Account.UserName} can set up two-factor authentication at first sign-in.");
                return VigilCommand.ExitCodes.Ok;
            });
        });
        return command;
    }

    /// <summary>The new password, from standard input or asked twice on the terminal; null (after a message) when neither works.</summary>
    private static async Task<string?> ReadPasswordAsync(CliConsole console, bool fromStdin, string userName, CancellationToken ct)
    {
        if (fromStdin)
        {
            var text = (await console.Input.ReadToEndAsync(ct)).TrimEnd('\r', '\n');
            if (text.Length == 0)
            {
                await console.Error.WriteLineAsync("password: standard input was empty.");
                return null;
            }
            return text;
        }
        var first = console.ReadSecret($"Password for {userName} (at least {PasswordRules.MinimumLength} characters): ");
        if (first is null)
        {
            await console.Error.WriteLineAsync("password: there is no terminal to ask on; use --password-stdin.");
            return null;
        }
        var second = console.ReadSecret("The same password again: ");
        if (second != first)
        {
            await console.Error.WriteLineAsync("password: the two passwords differ; nothing was written.");
            return null;
        }
        return first;
    }

    private static Command List(CliConsole console)
    {
        var command = new Command("list", "List the accounts: roles, clearance, two-factor, disabled, locked out.");
        command.SetAction((parse, ct) => CliHost.RunAsync(parse, console, async services =>
        {
            await CliHost.MigrateAsync(services);
            var accounts = await services.GetRequiredService<Accounts>().ListAsync(ct);
            if (accounts.Count == 0)
            {
                await console.Output.WriteLineAsync("No accounts yet. Create the first administrator with: vigil users add NAME --admin");
                return VigilCommand.ExitCodes.Ok;
            }
            static string YesNo(bool b) => b ? "yes" : "no";
            await Table.WriteAsync(console.Output, ["NAME", "ROLES", "CLEARANCE", "2FA", "DISABLED", "LOCKED", "FOCAL POINT", "VICTIM DATA"],
                accounts.Select(a => new[]
                {
                    a.UserName, string.Join(",", a.Roles), a.Clearance, YesNo(a.TwoFactorEnabled), YesNo(a.Disabled), YesNo(a.LockedOut),
                    a.FocalPointCountry ?? "", YesNo(a.VictimData),
                }));
            return VigilCommand.ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Simple(CliConsole console, string verb, string description, Func<Accounts, string, string, Task<AccountResult>> change, Func<string, string> done)
    {
        var name = NameArgument();
        var command = new Command(verb, description) { name };
        command.SetAction((parse, ct) => ChangeAsync(parse, console, a => change(a, console.Actor, parse.GetValue(name)!), done(parse.GetValue(name)!)));
        return command;
    }

    private static Command SetRole(CliConsole console)
    {
        var name = NameArgument();
        var roles = new Argument<string[]>("roles") { Description = $"The account's roles from now on ({string.Join(", ", Roles.All)}).", Arity = ArgumentArity.OneOrMore };
        var focalPoint = new Option<string?>("--focal-point") { Description = "With the focal-point role: the state (ISO 3166-1 alpha-2) they report for." };
        var command = new Command("set-role", "Replace an account's roles (their open sessions end).") { name, roles, focalPoint };
        command.SetAction((parse, ct) => ChangeAsync(parse, console,
            a => a.SetRolesAsync(console.Actor, parse.GetValue(name)!, parse.GetValue(roles)!, parse.GetValue(focalPoint), ct),
            $"{parse.GetValue(name)} now has the roles {string.Join(", ", parse.GetValue(roles)!.Select(r => Roles.Parse(r) ?? r))}."));
        return command;
    }

    private static Command SetClearance(CliConsole console)
    {
        var name = NameArgument();
        var level = new Argument<string>("clearance") { Description = "CLEAR, GREEN, AMBER, AMBER+STRICT or RED." };
        level.Validators.Add(r =>
        {
            if (!Markings.TryParse(r.GetValueOrDefault<string>(), out _))
            {
                r.AddError($"clearance: '{r.GetValueOrDefault<string>()}' is not a TLP marking; use CLEAR, GREEN, AMBER, AMBER+STRICT or RED.");
            }
        });
        var command = new Command("set-clearance", "Set the highest marking an account may see (their open sessions end).") { name, level };
        command.SetAction((parse, ct) =>
        {
            Markings.TryParse(parse.GetValue(level), out var marking);
            return ChangeAsync(parse, console, a => a.SetClearanceAsync(console.Actor, parse.GetValue(name)!, marking, ct),
                $"{parse.GetValue(name)} now has clearance {marking.ToLabel()}.");
        });
        return command;
    }

    private static Command SetVictimData(CliConsole console)
    {
        var name = NameArgument();
        var state = new Argument<string>("state") { Description = "on or off." };
        state.AcceptOnlyFromAmong("on", "off");
        var command = new Command("set-victim-data", "Allow (on) or stop (off) an account seeing targets' real identities; takes effect only with RED clearance.") { name, state };
        command.SetAction((parse, ct) =>
        {
            var on = parse.GetValue(state) == "on";
            return ChangeAsync(parse, console, a => a.SetVictimDataAsync(console.Actor, parse.GetValue(name)!, on, ct),
                on ? $"{parse.GetValue(name)} may see victim data (only while their clearance is RED; every reveal is audited)."
                   : $"{parse.GetValue(name)} may no longer see victim data.");
        });
        return command;
    }

    private static Task<int> ChangeAsync(ParseResult parse, CliConsole console, Func<Accounts, Task<AccountResult>> change, string done) =>
        CliHost.RunAsync(parse, console, async services =>
        {
            await CliHost.MigrateAsync(services);
            var result = await change(services.GetRequiredService<Accounts>());
            if (!result.Succeeded)
            {
                await console.Error.WriteLineAsync(result.Error);
                return VigilCommand.ExitCodes.InvalidInput;
            }
            await console.Output.WriteLineAsync(done);
            return VigilCommand.ExitCodes.Ok;
        });
}
