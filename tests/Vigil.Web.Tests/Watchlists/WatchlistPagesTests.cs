using System.Net;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.AspNetCore.Mvc.Testing;
using Vigil.Model;
using Vigil.Security;
using Vigil.Testing;
using Vigil.Web.Tests.Account;
using Xunit;
using static Vigil.Web.Tests.Api.ApiTestSupport;

namespace Vigil.Web.Tests.Watchlists;

/// <summary>
/// The pages, as a person clicks through them (a signed-in session, forms with their antiforgery tokens): the
/// Watch button on an actor's page, the watchlist, the inbox in the header, the private feed on the account page,
/// and a webhook's registration.
/// </summary>
public abstract partial class WatchlistPagesTests(WatchApp app)
{
    [Fact]
    public async Task WatchButton_LeadsToTheInbox_AndTheAccountPageMakesAPrivateFeedAndAWebhook()
    {
        TestDatabase.RequireAvailable(app.Kind);
        var (reader, _) = await app.CreateAccountAsync(Unique("pages-reader"), [Roles.Reader], Marking.Amber, twoFactor: false);
        var vendor = await app.AddActorAsync(Unique("pages-vendor"));
        using var person = new SignInClient(app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false }));
        (await person.SignInAsync(reader.UserName!)).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var actorPage = await person.PageAsync($"/actors/{vendor.Slug}");
        var watchLink = $"/account/watchlist?kind=vendor&amp;value={vendor.Slug}";
        actorPage.Should().Contain(watchLink).And.Contain("href=\"/account/inbox\"", "the inbox is in the header for a signed-in person");
        var confirm = await person.PageAsync(WebUtility.HtmlDecode(watchLink));
        confirm.Should().Contain("Watch this?");
        var added = await person.PostFormAsync(WebUtility.HtmlDecode(watchLink), [new("Kind", "vendor"), new("Value", vendor.Slug)], "/account/watchlist?handler=Add");
        added.StatusCode.Should().Be(HttpStatusCode.Redirect, await SignInClient.TextAsync(added));
        (await person.PageAsync("/account/watchlist")).Should().Contain($"href=\"/actors/{vendor.Slug}\"");

        var title = Unique("Canary amber measure seen in the inbox");
        await using (var db = app.CreateDb())
        {
            db.Measures.Add(new Measure { Slug = Unique("pages-measure"), Title = title, Type = MeasureType.Sanction, AuthorityId = vendor.Id, Marking = Marking.Amber, Status = ReviewStatus.Published });
            await db.SaveChangesAsync(Ct);
        }
        var inbox = await person.PageAsync("/account/inbox");
        inbox.Should().Contain(title);
        var read = ReadForm().Match(inbox);
        read.Success.Should().BeTrue("the inbox has a Mark all as read form");
        (await person.PostFormAsync("/account/inbox", [], WebUtility.HtmlDecode(read.Groups[1].Value))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await person.PageAsync("/account/inbox")).Should().NotContain(title).And.Contain("Nothing new.");

        (await person.PageAsync("/account")).Should().Contain("href=\"/account/feed\"");
        var made = await person.PostFormAsync("/account/feed", [], "/account/feed?handler=Regenerate");
        var madeHtml = await SignInClient.TextAsync(made);
        var feedUrl = FeedUrl().Match(madeHtml);
        feedUrl.Success.Should().BeTrue("the new feed's address is shown once");
        using var feedReader = app.CreateClient();
        var feed = await feedReader.GetStringAsync(new Uri(feedUrl.Value).PathAndQuery, Ct);
        feed.Should().Contain(title, "the private feed reads as its AMBER owner");
        (await person.PageAsync("/account")).Should().Contain(feedUrl.Value[(feedUrl.Value.IndexOf("vgf_", StringComparison.Ordinal))..][..12]);

        var hook = await person.PostFormAsync("/account/webhooks", [new("Address", "https://hooks.example.org/vigil"), new("Follows", "watchlist")], "/account/webhooks?handler=Register");
        (await SignInClient.TextAsync(hook)).Should().Contain("whsec_").And.Contain("https://hooks.example.org/vigil");
        var refused = await person.PostFormAsync("/account/webhooks", [new("Address", "not a url"), new("Follows", "watchlist")], "/account/webhooks?handler=Register");
        (await SignInClient.TextAsync(refused)).Should().Contain("url must be an absolute http or https address");
    }

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]*handler=Read[^\"]*)\"")]
    private static partial Regex ReadForm();

    [GeneratedRegex("https?://[^<\\s\"]+/feeds/private/vgf_[A-Za-z0-9_-]+\\.atom")]
    private static partial Regex FeedUrl();
}

[Trait("Database", "Sqlite")]
public sealed class SqliteWatchlistPagesTests(SqliteWatchApp app) : WatchlistPagesTests(app), IClassFixture<SqliteWatchApp>;

[Trait("Database", "Postgres")]
public sealed class PostgresWatchlistPagesTests(PostgresWatchApp app) : WatchlistPagesTests(app), IClassFixture<PostgresWatchApp>;
