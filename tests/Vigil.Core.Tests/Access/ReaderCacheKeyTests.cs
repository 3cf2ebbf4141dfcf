using System.Reflection;
using FluentAssertions;
using Vigil.Access;
using Vigil.Model;
using Xunit;

namespace Vigil.Core.Tests.Access;

/// <summary>
/// The key cached read answers are shared on (<see cref="Reader.CacheKey"/>) holds every property of the
/// reader except the ones it names with a reason: a property added later fails here until it is placed.
/// </summary>
public sealed class ReaderCacheKeyTests
{
    private static readonly Reader s_base = new("someone", Marking.Amber, SeesUnpublished: false, CanEdit: false) { AccountId = 7 };

    private static IEnumerable<PropertyInfo> Properties() =>
        typeof(Reader).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.Name != nameof(Reader.CacheKey));

    private static object Other(PropertyInfo p, object? value) => p.PropertyType switch
    {
        var t when t == typeof(bool) => !(bool)value!,
        var t when t == typeof(Marking) => (Marking)value! == Marking.Red ? Marking.Clear : Marking.Red,
        var t when t == typeof(string) => value is "LU" ? "FR" : "LU",
        var t when t == typeof(long?) => value is 8L ? 9L : 8L,
        var t => throw new Xunit.Sdk.XunitException($"Reader.{p.Name} is a {t.Name}: teach this test a second value for it"),
    };

    private static Reader With(PropertyInfo p, object value)
    {
        // A record's copy, then the one property changed: what `reader with { P = value }` does.
        var copy = (Reader)typeof(Reader).GetMethod("<Clone>$")!.Invoke(s_base, null)!;
        p.SetValue(copy, value);
        return copy;
    }

    [Fact]
    public void EverySettableProperty_ChangesTheKey_UnlessItIsNamedAsOmitted()
    {
        var settable = Properties().Where(p => p.SetMethod is not null).ToList();
        settable.Should().HaveCountGreaterThan(8, "the reader's properties are found");
        foreach (var p in settable)
        {
            var changed = With(p, Other(p, p.GetValue(s_base)));
            if (Reader.CacheKeyOmits.ContainsKey(p.Name))
            {
                if (p.Name != nameof(Reader.AccountId))
                {
                    changed.CacheKey.Should().Be(s_base.CacheKey, $"{p.Name} is omitted from the key");
                }
                continue;
            }
            changed.CacheKey.Should().NotBe(s_base.CacheKey, $"Reader.{p.Name} may change what a read shows, so it must be in Reader.CacheKey (or in CacheKeyOmits with the reason)");
        }
    }

    [Fact]
    public void EveryProperty_IsInTheKey_OrOmittedWithAReason()
    {
        var omitted = Reader.CacheKeyOmits;
        omitted.Values.Should().OnlyContain(reason => reason.Length > 20, "each omission says why");
        omitted.Keys.Should().BeSubsetOf(Properties().Select(p => p.Name), "an omission names a real property");
        // Computed properties cannot be set: each is derived from settable ones the test above covers.
        Properties().Where(p => p.SetMethod is null).Select(p => p.Name).Should().BeEquivalentTo([nameof(Reader.IsSignedIn)]);
        var anonymous = Reader.Anonymous;
        (anonymous with { AccountId = 1 }).CacheKey.Should().NotBe(anonymous.CacheKey, "a signed-in reader never shares the public's answers");
    }

    [Fact]
    public void TheReaderKindsOfTheMatrix_AllHaveDifferentKeys()
    {
        var kinds = new[]
        {
            Reader.Anonymous,
            Reader.System(),
            new Reader("r", Marking.Green, false, false) { AccountId = 1 },
            new Reader("r", Marking.Amber, false, false) { AccountId = 1 },
            new Reader("e", Marking.Amber, true, true) { AccountId = 1, SeesVictimData = true },
            new Reader("e", Marking.Amber, true, false) { AccountId = 1, ReadOnlyToken = true },
            new Reader("f", Marking.Green, false, false) { AccountId = 1, FocalPointCountry = "LU" },
            new Reader("f", Marking.Green, false, false) { AccountId = 1, FocalPointCountry = "FR" },
        };
        kinds.Select(k => k.CacheKey).Should().OnlyHaveUniqueItems();
        new Reader("one", Marking.Amber, true, true) { AccountId = 1 }.CacheKey
            .Should().Be(new Reader("two", Marking.Amber, true, true) { AccountId = 2 }.CacheKey, "two people with the same rights share answers");
    }
}
