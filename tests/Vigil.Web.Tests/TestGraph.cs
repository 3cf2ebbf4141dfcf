using Vigil.Data;
using Vigil.Model;

namespace Vigil.Web.Tests;

/// <summary>
/// A small, known graph for the web tests, independent of the starter dataset: an Intellexa-like
/// consortium with its product, sources and citations, plus records the public must never see.
/// </summary>
public static class TestGraph
{
    /// <summary>A RED actor: hidden from the anonymous reader everywhere.</summary>
    public const string RedName = "Nightjar Brokerage Holdings";
    public const string RedSlug = "nightjar-brokerage";

    /// <summary>A draft actor with a name found nowhere else.</summary>
    public const string DraftName = "Quillwort Draftworks Ltd";
    public const string DraftSlug = "quillwort-draftworks";

    public static async Task SeedAsync(VigilDb db, CancellationToken ct = default)
    {
        Actor Actor(string slug, string name, ActorKind kind, string? country, Marking marking = Marking.Clear, ReviewStatus status = ReviewStatus.Published) =>
            new() { Slug = slug, Name = name, ActorKind = kind, Country = country, Marking = marking, Status = status };

        var greece = Actor("greece", "Hellenic Republic", ActorKind.State, "GR");
        var intellexa = Actor("intellexa", "Intellexa S.A.", ActorKind.Company, "GR");
        intellexa.Description = "Greece-based seller of the Predator spyware, part of the Intellexa Consortium.";
        intellexa.StartDate = "2019";
        intellexa.Aliases.Add(new ActorAlias { Name = "Ιντελέξα", Script = "Grek", Language = "el" });
        intellexa.Identifiers.Add(new ActorIdentifier { Scheme = "wikidata", Value = "Q123456789" });
        intellexa.Identifiers.Add(new ActorIdentifier { Scheme = "ofac", Value = "47581" });
        var cytrox = Actor("cytrox", "Cytrox AD", ActorKind.Company, "MK");
        var thalestris = Actor("thalestris", "Thalestris Limited", ActorKind.Company, "IE");
        var dilian = Actor("tal-dilian", "Tal Dilian", ActorKind.Person, "IL");
        var red = Actor(RedSlug, RedName, ActorKind.Company, "CY", marking: Marking.Red);
        var draft = Actor(DraftSlug, DraftName, ActorKind.Company, "CY", marking: Marking.Green, status: ReviewStatus.Draft);
        var predator = new Product { Slug = "predator", Name = "Predator", ProductKind = ProductKind.Spyware, Status = ReviewStatus.Published, Capabilities = "one-click Android and iOS infection\nmessage and call interception" };
        predator.Aliases.Add(new ProductAlias { Name = "Alien" });

        var treasury = new Source
        {
            Slug = "treasury-intellexa-2024", Title = "Treasury Sanctions Members of the Intellexa Commercial Spyware Consortium",
            Publisher = "U.S. Department of the Treasury", Url = "https://home.treasury.gov/news/press-releases/jy2155",
            SourceKind = SourceKind.GovernmentNotice, PublishedDate = "2024-03-05", Reliability = 'A', Status = ReviewStatus.Published, TitleVerified = true,
        };
        var citizenLab = new Source
        {
            Slug = "citizenlab-pegasus-vs-predator", Title = "Pegasus vs. Predator", Publisher = "Citizen Lab",
            Url = "https://citizenlab.ca/2021/12/pegasus-vs-predator-dissidents-doubly-infected-iphone-reveals-cytrox-mercenary-spyware/",
            SourceKind = SourceKind.Report, PublishedDate = "2021-12-16", Reliability = 'A', Status = ReviewStatus.Published, TitleVerified = true,
        };

        Relationship Edge(RelationshipType type, Actor from, Actor? to = null, Product? product = null, Marking marking = Marking.Clear) => new()
        {
            Slug = $"{from.Slug}--{type.ToLabel()}--{to?.Slug ?? product!.Slug}", Type = type, FromActor = from, ToActor = to, ToProduct = product,
            Marking = marking, Status = ReviewStatus.Published, Confidence = Confidence.High,
        };
        var subsidiary = Edge(RelationshipType.SubsidiaryOf, intellexa, thalestris);
        var cytroxPart = Edge(RelationshipType.SubsidiaryOf, cytrox, intellexa);
        var officer = Edge(RelationshipType.OfficerOf, dilian, intellexa);
        officer.Role = "founder";
        var develops = Edge(RelationshipType.Develops, cytrox, product: predator);
        var brokers = Edge(RelationshipType.BrokersFor, red, intellexa);
        var draftSupplies = Edge(RelationshipType.Supplies, draft, intellexa);

        db.AddRange(greece, intellexa, cytrox, thalestris, dilian, red, draft, predator, treasury, citizenLab,
            subsidiary, cytroxPart, officer, develops, brokers, draftSupplies);
        db.Citations.AddRange(
            new Citation { Slug = "c-intellexa", Source = treasury, Actor = intellexa, Locator = "para. 3", Quote = "Intellexa S.A. is a Greece-based software developer", Credibility = 1, Status = ReviewStatus.Published },
            new Citation { Slug = "c-subsidiary", Source = treasury, Relationship = subsidiary, Locator = "para. 5", Credibility = 1, Status = ReviewStatus.Published },
            new Citation { Slug = "c-develops", Source = citizenLab, Relationship = develops, Locator = "section 2", Credibility = 2, Status = ReviewStatus.Published },
            new Citation { Slug = "c-predator", Source = citizenLab, Product = predator, Credibility = 2, Status = ReviewStatus.Published },
            new Citation { Slug = "c-red", Source = treasury, Actor = red, Credibility = 3, Status = ReviewStatus.Published });
        await db.SaveChangesAsync(ct);
    }
}
