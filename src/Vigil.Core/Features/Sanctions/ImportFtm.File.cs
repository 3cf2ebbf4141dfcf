using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;
using Vigil.Features.Common;
using Vigil.Features.Export;
using Vigil.Features.Import;

namespace Vigil.Features.Sanctions;

/// <summary>How the FtM import reads its file: in two passes, so that a list of a million entities is never held whole.</summary>
public sealed partial class ImportFtmHandler
{
    // What the import keeps of an entity read whole that is neither an edge nor a Vigil record (a sanction, or a subject read
    // again): the rest of a line (notes, addresses, source URLs…) is checked, then dropped.
    private static readonly HashSet<string> s_kept =
    [
        "name", "alias", "country", "nationality", "citizenship", "jurisdiction", "birthDate", "incorporationDate", "entity", "authority", "startDate",
        "listingDate", "endDate", "programId", "program", "status", "provisions", "summary", "reason", "recordId", "description", "role", "percentage",
        "registrationNumber", "innCode", "ogrnCode", "taxNumber", "leiCode", "idNumber", "wikidataId", "keywords", "publisher", "authorityId",
    ];

    // Properties whose values repeat across a list (countries, programmes, authorities, a sanction's dates): one string each.
    private static readonly HashSet<string> s_repeated =
        ["country", "nationality", "citizenship", "jurisdiction", "programId", "program", "authority", "status", "provisions", "startDate", "listingDate", "endDate"];

    // Entities made a chunk at a time: their lines read in file order, then made on every core.
    private const int ChunkOnEveryCore = 2_048;

    /// <summary>
    /// <paramref name="make"/> of each of <paramref name="items"/> and its line, in their order, lazily a chunk at a time: the lines
    /// are read from the file in order (the file's buffer is one reader's), and what is made of them is made on every core
    /// (reading a line again is most of an FtM import's list and screening, and one core's work otherwise). A line that reads
    /// otherwise now refuses the import as <see cref="FtmFile.Full(Entity)"/> does.
    /// </summary>
    private static IEnumerable<TResult> OnEveryCore<TResult>(FtmFile file, IReadOnlyList<Entity> items, Func<Entity, ReadOnlyMemory<byte>, TResult> make, CancellationToken ct)
    {
        for (var start = 0; start < items.Count; start += ChunkOnEveryCore)
        {
            var count = Math.Min(ChunkOnEveryCore, items.Count - start);
            var lines = new ReadOnlyMemory<byte>[count];
            for (var i = 0; i < count; i++)
            {
                lines[i] = file.Line(items[start + i]);
            }
            var made = new TResult[count];
            try
            {
                Parallel.For(0, count, new ParallelOptions { CancellationToken = ct }, i => made[i] = make(items[start + i], lines[i]));
            }
            catch (AggregateException e) when (e.InnerExceptions.OfType<ImportRejectedException>().FirstOrDefault() is { } rejected)
            {
                ExceptionDispatchInfo.Throw(rejected);
            }
            foreach (var x in made)
            {
                yield return x;
            }
        }
    }

    /// <summary>
    /// A FollowTheMoney file, read in two passes. The first (<see cref="Read"/>) checks every line as the import always has
    /// (a bad line refuses the file before anything is written) and keeps the sanctions, the edges and a Vigil export's
    /// records whole; of any other entity (the sanctioned people and companies: most of a list) it keeps only its id,
    /// schema, line, OFAC referents, <c>last_seen</c> and where its line lies (<see cref="Entity.Place"/>).
    /// <see cref="Full(Entity)"/> reads such an entity again when the import needs its names and details: its list entry, its
    /// screening query, the actor made of it. A million entities held whole took 4 GB, and the collector's time over
    /// that heap was a fifth of the import. The file stays open from the first pass to the last read, so a file replaced
    /// meanwhile is not mixed in; a line that reads otherwise the second time (a file written over in place) refuses the
    /// import, whose transaction then writes nothing.
    /// </summary>
    private sealed class FtmFile(string path, string name) : IDisposable
    {
        private readonly SafeFileHandle _handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        // Strings that repeat across a list, one each; read from several threads at once (OnEveryCore).
        private readonly ConcurrentDictionary<string, string> _pool = new(StringComparer.Ordinal);
        private byte[] _buffer = new byte[1 << 20];
        private long _bufferStart;
        private int _bufferLength;

        public string Name => name;

        /// <summary>The first pass: every line, checked; bad lines become errors with their number.</summary>
        public (List<Entity> Entities, List<ImportError> Errors) Read()
        {
            var entities = new List<Entity>();
            var errors = new List<ImportError>();
            try
            {
                foreach (var (line, text, offset, length) in InputGuard.ReadUtf8Lines(path, name))
                {
                    if (string.IsNullOrWhiteSpace(text))
                    {
                        continue;
                    }
                    try
                    {
                        using var doc = JsonDocument.Parse(text);
                        if (Parse(doc.RootElement, line, (offset, length), errors) is { } e)
                        {
                            entities.Add(e);
                        }
                    }
                    catch (JsonException e)
                    {
                        errors.Add(new ImportError(name, null, null, $"not valid JSON: {e.Message}", line));
                    }
                }
            }
            catch (ImportRejectedException e)
            {
                // A file that is not UTF-8 is refused as a whole, at its first bad byte.
                return ([], [.. e.Errors]);
            }
            return (entities, errors);
        }

        /// <summary>The entity whole: <paramref name="e"/> itself when the first pass kept it so, else its line read again.</summary>
        public Entity Full(Entity e) => Full(e, e.Place is { } place ? Bytes(place.Offset, place.Length) : default);

        /// <summary>As <see cref="Full(Entity)"/>, from the entity's <see cref="Line"/> (on any thread).</summary>
        public Entity Full(Entity e, ReadOnlyMemory<byte> line)
        {
            if (e.Place is null)
            {
                return e;
            }
            Entity? full = null;
            var errors = new List<ImportError>();
            try
            {
                using var doc = JsonDocument.Parse(line);
                full = Parse(doc.RootElement, e.Line, null, errors);
            }
            catch (JsonException)
            {
            }
            if (full is null || full.Id != e.Id || full.Schema != e.Schema)
            {
                throw new ImportRejectedException([new ImportError(name, e.Id, null, "the file changed while it was imported: this line reads otherwise than it did; nothing was written", e.Line)]);
            }
            return full;
        }

        /// <summary>The line of an entity read in part, copied out of the file's buffer (to be read on another thread); empty for one read whole.</summary>
        public ReadOnlyMemory<byte> Line(Entity e) => e.Place is { } place ? Bytes(place.Offset, place.Length).ToArray() : ReadOnlyMemory<byte>.Empty;

        /// <summary>
        /// The bytes of a line: from the buffer, which a read in file order refills a megabyte at a time; a line far from the
        /// last (entities read out of order) is read alone.
        /// </summary>
        private ReadOnlyMemory<byte> Bytes(long offset, int length)
        {
            if (offset < _bufferStart || offset + length > _bufferStart + _bufferLength)
            {
                if (length > _buffer.Length)
                {
                    _buffer = new byte[length];
                }
                var ahead = offset >= _bufferStart && offset <= _bufferStart + _bufferLength + _buffer.Length;
                var wanted = ahead ? _buffer.Length : length;
                _bufferStart = offset;
                _bufferLength = 0;
                while (_bufferLength < wanted)
                {
                    var read = RandomAccess.Read(_handle, _buffer.AsSpan(_bufferLength, wanted - _bufferLength), offset + _bufferLength);
                    if (read == 0)
                    {
                        break;
                    }
                    _bufferLength += read;
                }
                if (_bufferLength < length)
                {
                    throw new ImportRejectedException([new ImportError(name, null, null, "the file changed while it was imported: it is shorter than it was; nothing was written")]);
                }
            }
            return _buffer.AsMemory((int)(offset - _bufferStart), length);
        }

        private string Intern(string value) => _pool.GetOrAdd(value, value);

        /// <summary>
        /// One line's entity, or null with its errors. With <paramref name="place"/> (the first pass), an entity that is neither a
        /// sanction, an edge nor a Vigil record is checked whole but kept in part (<see cref="Entity.Place"/>).
        /// </summary>
        private Entity? Parse(JsonElement root, int line, (long Offset, int Length)? place, List<ImportError> errors)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new ImportError(name, null, null, "not a JSON object", line));
                return null;
            }
            var id = root.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
            var schema = root.TryGetProperty("schema", out var sc) && sc.ValueKind == JsonValueKind.String ? sc.GetString() : null;
            if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(schema))
            {
                errors.Add(new ImportError(name, id, id is null ? "id" : "schema", "every entity needs an id and a schema", line));
                return null;
            }
            schema = Intern(schema);
            var whole = s_edgeSchemas.Contains(schema) || id.StartsWith(ExportFtmHandler.IdPrefix, StringComparison.Ordinal);
            var inPart = place is not null && !whole && schema != "Sanction";
            var properties = new List<KeyValuePair<string, List<string>>>();
            var caption = root.TryGetProperty("caption", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            List<(string Field, string Problem)>? problems = null;
            if (root.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in props.EnumerateObject())
                {
                    if (p.Value.ValueKind != JsonValueKind.Array)
                    {
                        continue;
                    }
                    var key = Intern(p.Name);
                    var keep = !inPart && (whole || s_kept.Contains(key));
                    var repeated = keep && s_repeated.Contains(key);
                    List<string>? values = keep ? [] : null;
                    foreach (var v in p.Value.EnumerateArray())
                    {
                        if (v.ValueKind != JsonValueKind.String || v.GetString()!.Trim() is not { Length: > 0 } value)
                        {
                            continue;
                        }
                        if (InputGuard.TextProblem(value, InputGuard.MaxLongText) is { } problem)
                        {
                            (problems ??= []).Add((p.Name, problem));
                        }
                        values?.Add(repeated ? Intern(value) : value);
                    }
                    if (values is not null)
                    {
                        // A property named twice in a line: the last one counts, as a JSON reader's would.
                        properties.RemoveAll(x => x.Key == key);
                        properties.Add(new(key, values));
                    }
                }
            }
            if (InputGuard.TextProblem(caption, InputGuard.MaxName) is { } captionProblem)
            {
                (problems ??= []).Add(("caption", captionProblem));
            }
            if (problems is not null)
            {
                errors.AddRange(problems.Take(5).Select(x => new ImportError(name, id, x.Field, x.Problem, line)));
                return null;
            }
            var referents = whole ? Strings(root, "referents") : [.. Strings(root, "referents").Where(r => r.StartsWith("ofac-", StringComparison.Ordinal))];
            var lastSeen = Day(root, "last_seen") is { } last ? Intern(last) : null;
            if (inPart)
            {
                return new Entity(line, id, schema, null, []) { Place = place, Referents = referents, LastSeen = lastSeen };
            }
            return new Entity(line, id, schema, caption, [.. properties])
            {
                Datasets = [.. Strings(root, "datasets").Select(Intern)],
                Referents = referents,
                FirstSeen = Day(root, "first_seen") is { } first ? Intern(first) : null,
                LastSeen = lastSeen,
            };
        }

        public void Dispose() => _handle.Dispose();
    }
}
