using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Formats.VigilData;
using Vigil.Model;
using Vigil.Security;

namespace Vigil.Features.Export;

/// <summary>
/// Writes the graph, as far as the reader may see it, back into Vigil's data layout: importing the
/// result reproduces the same records. Citations are written inside the record they support. An export
/// carrying AMBER or RED records is audited (<see cref="ExportAudit"/>).
/// </summary>
public sealed class ExportVigilDataHandler(VigilDb db, SecurityDb security, TimeProvider clock)
{
    /// <summary>Exports into <paramref name="folder"/>; returns the number of files written and what they hold.</summary>
    public async Task<ExportVigilDataResult> HandleAsync(string folder, CancellationToken ct = default)
    {
        var written = 0;
        var highest = Marking.Clear;
        void Saw(Marking m) => highest = m > highest ? m : highest;
        var citations = await db.Citations
            .Select(c => new { c.ActorId, c.ProductId, c.RelationshipId, c.IncidentId, c.EndorsementId, c.FrameworkId, c.CommitmentId, Source = c.Source!.Slug, c.Locator, c.Quote, c.Credibility, c.Marking })
            .ToListAsync(ct);
        List<CitationEntry>? Cites(Func<long?, long?, long?, bool> match) =>
            Entries(citations.Where(c => match(c.ActorId, c.ProductId, c.RelationshipId)).Select(c => (c.Source, c.Locator, c.Quote, c.Credibility, c.Marking)));

        foreach (var s in await db.Sources.OrderBy(s => s.Slug).ToListAsync(ct))
        {
            DataFolder.Write(folder, DataFolder.Sources, s.Slug, new SourceFile
            {
                Id = s.Slug, Title = s.Title, TitleVerified = s.TitleVerified ? true : null, Publisher = s.Publisher, Url = s.Url, Kind = s.SourceKind.ToLabel(),
                Evidence = s.Evidence == EvidenceKind.Secondary ? null : s.Evidence.ToLabel(),
                Published = s.PublishedDate, Accessed = s.AccessedDate, ContentHash = s.ContentHash, Reliability = s.Reliability.ToString(),
                Marking = s.Marking.ToLabel(), Status = s.Status.ToLabel(),
            });
            Saw(s.Marking);
            written++;
        }
        foreach (var a in await db.Actors.AsSplitQuery().Include(a => a.Aliases).Include(a => a.Identifiers).OrderBy(a => a.Slug).ToListAsync(ct))
        {
            DataFolder.Write(folder, DataFolder.Actors, a.Slug, new ActorFile
            {
                Id = a.Slug, Kind = ActorKindLabel(a.ActorKind), Name = a.Name, Country = a.Country, Description = a.Description,
                Start = a.StartDate, End = a.EndDate, DependentTerritory = a.ActorKind == ActorKind.State ? a.IsDependentTerritory : null,
                Marking = a.Marking.ToLabel(), Status = a.Status.ToLabel(),
                Aliases = a.Aliases.OrderBy(x => x.Id).Select(x => new AliasEntry { Name = x.Name, Lang = x.Language, Script = x.Script }).ToList(),
                Identifiers = a.Identifiers.OrderBy(x => x.Id).Select(x => new IdentifierEntry { Scheme = x.Scheme, Value = x.Value }).ToList(),
                Citations = Cites((actor, _, _) => actor == a.Id),
            });
            Saw(a.Marking);
            written++;
        }
        foreach (var p in await db.Products.Include(p => p.Aliases).OrderBy(p => p.Slug).ToListAsync(ct))
        {
            DataFolder.Write(folder, DataFolder.Products, p.Slug, new ProductFile
            {
                Id = p.Slug, Name = p.Name, Kind = p.ProductKind.ToString().ToLowerInvariant(), Description = p.Description,
                Capabilities = p.Capabilities?.Split('\n').ToList(),
                Aliases = p.Aliases.OrderBy(x => x.Id).Select(x => new AliasEntry { Name = x.Name }).ToList(),
                Marking = p.Marking.ToLabel(), Status = p.Status.ToLabel(),
                Citations = Cites((_, product, _) => product == p.Id),
            });
            Saw(p.Marking);
            written++;
        }
        var relationships = await db.Relationships.OrderBy(r => r.Slug).Select(r => new
        {
            Record = r,
            From = r.FromActor!.Slug,
            To = r.ToActor != null ? r.ToActor.Slug : r.ToProduct!.Slug,
        }).ToListAsync(ct);
        foreach (var x in relationships)
        {
            var r = x.Record;
            DataFolder.Write(folder, DataFolder.Relationships, r.Slug, new RelationshipFile
            {
                Id = r.Slug, Type = r.Type.ToLabel(), From = x.From, To = x.To, Role = r.Role, Share = r.SharePercent,
                Start = r.StartDate, End = r.EndDate, Confidence = r.Confidence.ToLabel(), Description = r.Description,
                Marking = r.Marking.ToLabel(), Status = r.Status.ToLabel(),
                Citations = Cites((_, _, rel) => rel == r.Id),
            });
            Saw(r.Marking);
            written++;
        }
        // Incidents with their targets by pseudonym: the file format has no identity field, so no export
        // to the data layout can carry a name.
        foreach (var i in await db.Incidents.AsSplitQuery().OrderBy(i => i.Slug)
            .Include(i => i.Products).ThenInclude(x => x.Product).Include(i => i.Vendors).ThenInclude(x => x.Actor)
            .Include(i => i.Operators).ThenInclude(x => x.Actor).Include(i => i.Investigators).ThenInclude(x => x.Actor)
            .Include(i => i.Targets).ToListAsync(ct))
        {
            DataFolder.Write(folder, DataFolder.Incidents, i.Slug, new IncidentFile
            {
                Id = i.Slug, Title = i.Title, Summary = i.Summary, FirstSeen = i.FirstSeen, LastSeen = i.LastSeen, Disclosed = i.DisclosedOn,
                Country = i.Country, ForensicStatus = i.ForensicStatus.ToLabel(), Vector = i.Vector.ToLabel(),
                Products = i.Products.Where(x => x.Product is not null).Select(x => x.Product!.Slug).Order(StringComparer.Ordinal).ToList(),
                Vendors = i.Vendors.Where(x => x.Actor is not null).Select(x => x.Actor!.Slug).Order(StringComparer.Ordinal).ToList(),
                Investigators = i.Investigators.Where(x => x.Actor is not null).Select(x => x.Actor!.Slug).Order(StringComparer.Ordinal).ToList(),
                Operators = i.Operators.Where(x => x.Actor is not null).OrderBy(x => x.Actor!.Slug, StringComparer.Ordinal)
                    .Select(x => new OperatorEntry { Actor = x.Actor!.Slug, Confidence = x.Confidence.ToLabel(), Reasoning = x.Reasoning }).ToList(),
                Targets = i.Targets.OrderBy(t => t.Pseudonym, StringComparer.Ordinal).Select(t => new TargetEntry
                {
                    Pseudonym = t.Pseudonym, Category = t.Category.ToLabel(), Residence = t.ResidenceCountry, Nationality = t.Nationality,
                    Consent = t.Consent.ToLabel(), Marking = t.Marking.ToLabel(),
                }).ToList(),
                Marking = i.Marking.ToLabel(), Status = i.Status.ToLabel(),
                Citations = citations.Where(c => c.IncidentId == i.Id)
                    .OrderBy(c => c.Source, StringComparer.Ordinal).ThenBy(c => c.Locator, StringComparer.Ordinal)
                    .Select(c => new CitationEntry { Source = c.Source, Locator = c.Locator, Quote = c.Quote, Credibility = c.Credibility, Marking = c.Marking == Marking.Clear ? null : c.Marking.ToLabel() })
                    .ToList() is { Count: > 0 } list ? list : null,
            });
            Saw(i.Marking);
            foreach (var t in i.Targets)
            {
                Saw(t.Marking);
            }
            written++;
        }
        foreach (var f in await db.Frameworks.AsSplitQuery().Include(f => f.Commitments).ThenInclude(c => c.Source).Include(f => f.Source).Include(f => f.OwnerActor)
            .OrderBy(f => f.Slug).ToListAsync(ct))
        {
            DataFolder.Write(folder, DataFolder.Frameworks, f.Slug, new FrameworkFile
            {
                Id = f.Slug, Name = f.Name, Kind = f.FrameworkKind.ToLabel(), Series = f.Series, Edition = f.Edition, Date = f.Date,
                Owner = f.OwnerActor?.Slug, Description = f.Description, Provenance = f.Provenance, Source = f.Source?.Slug,
                Marking = f.Marking.ToLabel(), Status = f.Status.ToLabel(),
                Commitments = f.Commitments.Where(c => c.Status != ReviewStatus.Retracted).OrderBy(c => c.Position).Select(c => new CommitmentEntry
                {
                    Code = c.Code, Pillar = c.Pillar, PillarStated = c.PillarStated, Text = c.Text, Quote = c.Quote, Source = c.Source?.Slug,
                    Status = c.Status.ToLabel(), Citations = Entries(citations.Where(x => x.CommitmentId == c.Id).Select(x => (x.Source, x.Locator, x.Quote, x.Credibility, x.Marking))),
                }).ToList(),
                Citations = Entries(citations.Where(x => x.FrameworkId == f.Id).Select(x => (x.Source, x.Locator, x.Quote, x.Credibility, x.Marking))),
            });
            Saw(f.Marking);
            written++;
        }
        foreach (var x in await db.Endorsements.OrderBy(e => e.Slug).Select(e => new { Record = e, Actor = e.Actor!.Slug, Framework = e.Framework!.Slug }).ToListAsync(ct))
        {
            var e = x.Record;
            DataFolder.Write(folder, DataFolder.Endorsements, e.Slug, new EndorsementFile
            {
                Id = e.Slug, Actor = x.Actor, Framework = x.Framework, Date = e.Date, Note = e.Note,
                Marking = e.Marking.ToLabel(), Status = e.Status.ToLabel(),
                Citations = Entries(citations.Where(c => c.EndorsementId == e.Id).Select(c => (c.Source, c.Locator, c.Quote, c.Credibility, c.Marking))),
            });
            Saw(e.Marking);
            written++;
        }
        // Citations travel inside their records: their quotes are exported too.
        foreach (var c in citations)
        {
            Saw(c.Marking);
        }
        var summary = new ExportSummary("vigil", written + citations.Count, highest);
        await ExportAudit.RecordAsync(security, clock, db.Reader.Name, summary, ct);
        return new ExportVigilDataResult(written, summary);
    }

    /// <summary>The data-file spelling of an actor kind ("public-body").</summary>
    /// <summary>A record's citations as its file lists them: by source, then locator; none as no list.</summary>
    private static List<CitationEntry>? Entries(IEnumerable<(string Source, string? Locator, string? Quote, int Credibility, Marking Marking)> citations) =>
        citations.OrderBy(c => c.Source, StringComparer.Ordinal).ThenBy(c => c.Locator, StringComparer.Ordinal)
            .Select(c => new CitationEntry { Source = c.Source, Locator = c.Locator, Quote = c.Quote, Credibility = c.Credibility, Marking = c.Marking == Marking.Clear ? null : c.Marking.ToLabel() })
            .ToList() is { Count: > 0 } list ? list : null;

    public static string ActorKindLabel(ActorKind kind) => kind == ActorKind.PublicBody ? "public-body" : kind.ToString().ToLowerInvariant();
}

/// <summary>The files an export wrote, and what it held (records, highest marking) as audited.</summary>
public sealed record ExportVigilDataResult(int Files, ExportSummary Export);
