using System.Reflection;
using Microsoft.Extensions.Logging;
using RemoteKit.Diagnostics;

namespace RemoteKit.Unit.Tests.Diagnostics;

/// <summary>The one table of event ids: a log reader can tell every event apart, and knows which part of RemoteKit wrote it.</summary>
public class EventIdsTests
{
    private static IEnumerable<(string Name, int Id)> AllEvents() =>
        typeof(EventIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(int) || f.FieldType == typeof(EventId))
            .Select(f => (f.Name, f.GetValue(null) is EventId e ? e.Id : (int)f.GetRawConstantValue()!));

    [Fact]
    public void No_two_events_share_an_id()
    {
        var shared = AllEvents().GroupBy(e => e.Id).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.Name))}");
        Assert.Empty(shared);
    }

    [Fact]
    public void Every_event_lies_in_its_owners_range_and_the_ranges_do_not_overlap()
    {
        Assert.All(AllEvents(), e => Assert.Contains(EventIds.Ranges, r => r.From <= e.Id && e.Id <= r.To));
        var ranges = EventIds.Ranges.OrderBy(r => r.From).ToArray();
        Assert.All(ranges.Zip(ranges.Skip(1)), pair => Assert.True(pair.First.To < pair.Second.From, $"{pair.First.Owner} overlaps {pair.Second.Owner}"));
    }

    [Fact]
    public void Named_events_carry_their_field_name()
    {
        var named = typeof(EventIds).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(EventId));
        Assert.All(named, f => Assert.Equal(f.Name, ((EventId)f.GetValue(null)!).Name));
    }
}
