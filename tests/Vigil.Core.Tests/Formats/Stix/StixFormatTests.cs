using FluentAssertions;
using Vigil.Formats.Stix;
using Vigil.Model;
using Xunit;

namespace Vigil.Core.Tests.Formats.Stix;

public sealed class StixFormatTests
{
    [Fact]
    public void Uuid5_MatchesTheRfc9562Example()
    {
        // RFC 9562, appendix A.4: "www.example.com" in the DNS namespace.
        StixIds.Uuid5(new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "www.example.com")
            .Should().Be(new Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"));
    }

    [Fact]
    public void Ids_AreDeterministic_AndDifferByKindAndSlug()
    {
        var a = StixIds.Of("identity", RecordKind.Actor, "nso-group");
        a.Should().Be(StixIds.Of("identity", RecordKind.Actor, "nso-group")).And.MatchRegex("^identity--[0-9a-f-]{36}$");
        a.Should().NotBe(StixIds.Of("identity", RecordKind.Actor, "intellexa"));
        StixIds.Of("malware", RecordKind.Product, "nso-group")[9..].Should().NotBe(a[10..]);
    }

    [Theory]
    [InlineData("[domain-name:value='shortenurls.me']", ObservableKind.Domain, "domain-name:value", "shortenurls.me")]
    [InlineData("[ ipv4-addr:value = '10.0.0.0' ]", ObservableKind.Ip, "ipv4-addr:value", "10.0.0.0")]
    [InlineData("[process:name='bh']", ObservableKind.Process, "process:name", "bh")]
    [InlineData("[email-addr:value='bogaardlisa803@gmail.com']", ObservableKind.Email, "email-addr:value", "bogaardlisa803@gmail.com")]
    [InlineData("[file:hashes.'SHA-256' = 'ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c']", ObservableKind.Hash, "file:hashes.'SHA-256'", "ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c")]
    [InlineData("[file:path='/private/var/tmp/hooker']", ObservableKind.File, "file:path", "/private/var/tmp/hooker")]
    [InlineData("[configuration-profile:id='com.apple.profile']", ObservableKind.Other, "configuration-profile:id", "com.apple.profile")]
    [InlineData("[domain-name:value = 'a.example' OR ipv4-addr:value = '10.0.0.1']", ObservableKind.Domain, "domain-name:value", "a.example")]
    public void Pattern_YieldsTheObservable(string pattern, ObservableKind kind, string type, string value)
    {
        StixPattern.Parse(pattern, "stix").Should().Be(new Observable(kind, type, value));
    }

    [Fact]
    public void Pattern_OfAnotherLanguage_KeepsTheWholePattern()
    {
        StixPattern.Parse("rule x { condition: true }", "yara").Should().Be(new Observable(ObservableKind.Other, "yara", "rule x { condition: true }"));
    }

    [Fact]
    public void Validator_RefusesADanglingReference_AndABadTimestamp_NamingTheObject()
    {
        using var doc = System.Text.Json.JsonDocument.Parse("""
            {"type":"bundle","id":"bundle--44af6c39-c09b-49c5-9de2-394224b04982","objects":[
              {"type":"indicator","spec_version":"2.1","id":"indicator--33fe3b22-0201-47cf-85d0-97c02164528d","created":"2014-05-08T09:00:00.000Z",
               "modified":"2014-05-07T09:00:00.000Z","pattern":"[ipv4-addr:value = '10.0.0.0']","pattern_type":"stix","valid_from":"2014-05-08T09:00:00Z"},
              {"type":"relationship","spec_version":"2.1","id":"relationship--657ec923-bcf2-4d19-8dc5-1290ad89df56","created":"2024-01-26T21:28:21.018Z",
               "modified":"2024-01-26T21:28:21.018Z","relationship_type":"indicates","source_ref":"indicator--33fe3b22-0201-47cf-85d0-97c02164528d",
               "target_ref":"malware--2e9d534b-2e11-4758-bdc5-9c3e1c100d4d"}]}
            """);
        var problems = StixValidator.Embedded.Validate(doc.RootElement);
        problems.Should().Contain(p => p.Object == "indicator--33fe3b22-0201-47cf-85d0-97c02164528d" && p.Message.Contains("modified is earlier"));
        problems.Should().Contain(p => p.Object == "relationship--657ec923-bcf2-4d19-8dc5-1290ad89df56" && p.Message.Contains("not in the bundle"));
    }

    [Fact]
    public void Validator_RefusesAnObjectThatBreaksItsSchema()
    {
        using var doc = System.Text.Json.JsonDocument.Parse("""
            {"type":"bundle","id":"bundle--44af6c39-c09b-49c5-9de2-394224b04982","objects":[
              {"type":"malware","spec_version":"2.1","id":"malware--2e9d534b-2e11-4758-bdc5-9c3e1c100d4d","created":"2024-01-26T21:28:21.013Z",
               "modified":"2024-01-26T21:28:21.013Z","name":"Pegasus"}]}
            """);
        StixValidator.Embedded.Validate(doc.RootElement).Should().ContainSingle()
            .Which.Should().Match<StixProblem>(p => p.Object == "malware--2e9d534b-2e11-4758-bdc5-9c3e1c100d4d" && p.Message.Contains("schema of 'malware'"));
    }
}
