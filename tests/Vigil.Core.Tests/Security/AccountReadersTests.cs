using System.Security.Claims;
using FluentAssertions;
using Vigil.Access;
using Vigil.Model;
using Vigil.Security;
using Xunit;

namespace Vigil.Core.Tests.Security;

/// <summary>The one rule turning roles, clearance, two-factor and token scope into a reader.</summary>
public sealed class AccountReadersTests
{
    private static Reader For(
        string[] roles, Marking clearance = Marking.Red, bool twoFactor = true, string? country = null, bool victimData = false, TokenScope? scope = null) =>
        AccountReaders.For(7, "someone", roles, clearance, twoFactor, country, victimData, scope);

    [Fact]
    public void Reader_ReadsPublishedRecordsUpToTheirClearance_AndNothingMore()
    {
        var reader = For([Roles.Reader], Marking.Amber);

        reader.Should().BeEquivalentTo(new { Clearance = Marking.Amber, SeesUnpublished = false, CanEdit = false, CanReview = false, IsAdmin = false, AccountId = (long?)7 });
        reader.IsSignedIn.Should().BeTrue();
    }

    [Theory]
    [InlineData(Roles.Editor)]
    [InlineData(Roles.Reviewer)]
    [InlineData(Roles.Admin)]
    public void RoleNeedingTwoFactor_WithoutIt_ReadsLikeAReader(string role)
    {
        var reader = For([role], twoFactor: false);

        reader.SeesUnpublished.Should().BeFalse();
        reader.CanEdit.Should().BeFalse();
        reader.CanReview.Should().BeFalse();
        reader.IsAdmin.Should().BeFalse();
        reader.Clearance.Should().Be(Marking.Red, "the clearance is not a role: it holds without two-factor");
    }

    [Fact]
    public void RolesWithTwoFactor_AreInForce_EachForItsOwnPermission()
    {
        For([Roles.Editor]).Should().BeEquivalentTo(new { SeesUnpublished = true, CanEdit = true, CanReview = false, IsAdmin = false });
        For([Roles.Reviewer]).Should().BeEquivalentTo(new { SeesUnpublished = true, CanEdit = false, CanReview = true, IsAdmin = false });
        For([Roles.Admin]).Should().BeEquivalentTo(new { SeesUnpublished = true, CanEdit = false, CanReview = false, IsAdmin = true });
    }

    [Fact]
    public void ReadScopeToken_NeverWrites_WhateverItsOwnerMayDo()
    {
        var reader = For([Roles.Admin, Roles.Editor, Roles.Reviewer], scope: TokenScope.Read);

        reader.CanEdit.Should().BeFalse();
        reader.CanReview.Should().BeFalse();
        reader.IsAdmin.Should().BeFalse();
        reader.SeesUnpublished.Should().BeTrue("a read token reads what its owner reads");
    }

    [Fact]
    public void ReadWriteToken_WritesAsItsOwner_ButNoMore()
    {
        For([Roles.Editor], scope: TokenScope.ReadWrite).CanEdit.Should().BeTrue();
        For([Roles.Reader], scope: TokenScope.ReadWrite).CanEdit.Should().BeFalse();
        For([Roles.Editor], twoFactor: false, scope: TokenScope.ReadWrite).CanEdit.Should().BeFalse();
    }

    [Theory]
    [InlineData(true, Marking.Red, true)]
    [InlineData(true, Marking.AmberStrict, false)]
    [InlineData(true, Marking.Clear, false)]
    [InlineData(false, Marking.Red, false)]
    public void VictimData_OnlyWithThePermissionAndRedClearance(bool permitted, Marking clearance, bool sees) =>
        For([Roles.Reader], clearance, victimData: permitted).SeesVictimData.Should().Be(sees);

    [Fact]
    public void FocalPointCountry_OnlyWithTheRole()
    {
        For([Roles.FocalPoint], country: "FR").FocalPointCountry.Should().Be("FR");
        For([Roles.Reader], country: "FR").FocalPointCountry.Should().BeNull();
        For([Roles.Editor], country: "FR").FocalPointCountry.Should().BeNull();
    }

    [Fact]
    public void FromPrincipal_NotSignedIn_IsTheAnonymousPublic()
    {
        AccountReaders.FromPrincipal(null).Should().BeSameAs(Reader.Anonymous);
        AccountReaders.FromPrincipal(new ClaimsPrincipal(new ClaimsIdentity())).Should().BeSameAs(Reader.Anonymous);
    }

    [Fact]
    public void FromPrincipal_ReadsTheClaimsAccountReadersWrites_AndATokensScope()
    {
        var account = new Account { Id = 42, UserName = "maria", Clearance = Marking.AmberStrict, TwoFactorEnabled = true, FocalPointCountry = "PT", VictimData = true };
        var claims = AccountReaders.ClaimsFor(account)
            .Append(new Claim(ClaimTypes.NameIdentifier, "42"))
            .Append(new Claim(ClaimTypes.Name, "maria"))
            .Append(new Claim(ClaimTypes.Role, Roles.Editor))
            .Append(new Claim(ClaimTypes.Role, Roles.FocalPoint));

        var session = AccountReaders.FromPrincipal(new ClaimsPrincipal(new ClaimsIdentity(claims, "test")));
        session.Should().BeEquivalentTo(new
        {
            Name = "maria", AccountId = (long?)42, Clearance = Marking.AmberStrict, SeesUnpublished = true, CanEdit = true,
            FocalPointCountry = "PT", SeesVictimData = false,
        });

        var token = AccountReaders.FromPrincipal(new ClaimsPrincipal(new ClaimsIdentity(
            claims.Append(new Claim(AccountReaders.ScopeClaim, "read")), "test")));
        token.CanEdit.Should().BeFalse();
        token.SeesUnpublished.Should().BeTrue();
    }

    [Fact]
    public void FromPrincipal_WithoutTheTwoFactorClaim_TreatsTwoFactorAsOff()
    {
        var claims = new[]
        {
            new Claim(ClaimTypes.NameIdentifier, "1"), new Claim(ClaimTypes.Role, Roles.Editor), new Claim(AccountReaders.ClearanceClaim, "RED"),
        };
        AccountReaders.FromPrincipal(new ClaimsPrincipal(new ClaimsIdentity(claims, "test"))).CanEdit.Should().BeFalse();
    }
}
