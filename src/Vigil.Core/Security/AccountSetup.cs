using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Vigil.Security;

/// <summary>Accounts as both the web app and the CLI use them: the same password and lockout rules.</summary>
public static class AccountSetup
{
    /// <summary>Identity's user and role managers over <see cref="SecurityDb"/>, account management and API tokens.</summary>
    public static IdentityBuilder AddVigilAccounts(this IServiceCollection services)
    {
        var identity = services.AddIdentityCore<Account>(o =>
            {
                // NIST SP 800-63B: length, not composition; long passphrases and any characters allowed.
                o.Password.RequiredLength = PasswordRules.MinimumLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                // A disabled account is "not confirmed": sign-in answers NotAllowed (AccountConfirmation).
                o.SignIn.RequireConfirmedAccount = true;
                // Authenticator codes work once (SingleUseAuthenticatorCodes), not for as long as they are current.
                o.Tokens.AuthenticatorTokenProvider = SingleUseAuthenticatorCodes.ProviderName;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@+";
            })
            .AddRoles<AccountRole>()
            .AddEntityFrameworkStores<SecurityDb>()
            .AddClaimsPrincipalFactory<AccountClaimsFactory>()
            .AddPasswordValidator<PasswordRules>()
            .AddTokenProvider<SingleUseAuthenticatorCodes>(SingleUseAuthenticatorCodes.ProviderName);
        services.AddScoped<IUserConfirmation<Account>, AccountConfirmation>();
        services.AddScoped<Accounts>();
        services.AddScoped<ApiTokens>();
        services.AddScoped<FeedTokens>();
        services.AddScoped<OwnerReaders>();
        return identity;
    }
}

/// <summary>Password rules after NIST SP 800-63B: at least 12 characters, at most 128, not containing the user name.</summary>
public sealed class PasswordRules : IPasswordValidator<Account>
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 128;

    public Task<IdentityResult> ValidateAsync(UserManager<Account> manager, Account user, string? password)
    {
        if (password is { Length: > MaximumLength })
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordTooLong", Description = $"Passwords must be at most {MaximumLength} characters." }));
        }
        if (password is not null && user.UserName is { Length: > 0 } name && password.Contains(name, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordContainsUserName", Description = "Passwords must not contain the user name." }));
        }
        return Task.FromResult(IdentityResult.Success);
    }
}

/// <summary>Disabled accounts may not sign in (Identity's "confirmed account" hook).</summary>
public sealed class AccountConfirmation : IUserConfirmation<Account>
{
    public Task<bool> IsConfirmedAsync(UserManager<Account> manager, Account user) => Task.FromResult(!user.Disabled);
}
