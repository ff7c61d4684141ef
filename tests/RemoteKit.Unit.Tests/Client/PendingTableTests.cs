using System.Buffers;

namespace RemoteKit.Unit.Tests.Client;

/// <summary>
/// The client's table of tasks awaiting results: every task added is found by its id until removed, whether it sits in its
/// ring slot or beside the ring (its slot held by an older task), across the ring's growth; it keeps a dictionary's rules.
/// </summary>
public sealed class PendingTableTests
{
    private static PendingTask Task(ulong id) => new PendingTask<int>(id, static (ReadOnlySequence<byte> _) => 0);

    [Fact]
    public void Tasks_are_found_by_id_until_removed_and_counted()
    {
        var table = new PendingTable();
        var tasks = Enumerable.Range(1, 100).Select(i => Task((ulong)i)).ToList();
        foreach (var task in tasks)
        {
            table.Add(task.Id, task);
        }

        Assert.Equal(100, table.Count);
        Assert.All(tasks, t => Assert.Same(t, table[t.Id]));
        Assert.True(table.Remove(50, out var removed));
        Assert.Same(tasks[49], removed);
        Assert.False(table.ContainsKey(50));
        Assert.False(table.Remove(50));
        Assert.Equal(99, table.Count);
        Assert.False(table.TryGetValue(1000, out _));
    }

    [Fact]
    public void A_task_whose_slot_an_older_task_holds_is_kept_beside_the_ring_and_found()
    {
        var table = new PendingTable();
        var ring = (ulong)table.Slots;
        var old = Task(3);
        var young = Task(3 + ring);
        table.Add(old.Id, old);
        table.Add(young.Id, young);

        Assert.Same(old, table[3]);
        Assert.Same(young, table[3 + ring]);
        Assert.Equal(new[] { old, young }, table.Values.OrderBy(t => t.Id));
        Assert.True(table.Remove(3));
        Assert.Same(young, table[3 + ring]);
        Assert.True(table.Remove(3 + ring));
        Assert.Equal(0, table.Count);
    }

    [Fact]
    public void A_long_burst_grows_the_ring_and_every_task_stays_found_including_those_beside_it()
    {
        var table = new PendingTable();
        var initial = table.Slots;

        // A task that waits for long (id 1) while ids pass it by a whole ring: the one on its slot waits beside the ring.
        var slow = Task(1);
        table.Add(slow.Id, slow);
        var beside = Task(1 + (ulong)initial);
        table.Add(beside.Id, beside);
        var tasks = new List<PendingTask> { slow, beside };
        for (var id = 2UL; id < 20_000; id++)
        {
            if (id != beside.Id)
            {
                var task = Task(id);
                table.Add(id, task);
                tasks.Add(task);
            }
        }

        Assert.True(table.Slots > initial);
        Assert.Equal(tasks.Count, table.Count);
        Assert.All(tasks, t => Assert.Same(t, table[t.Id]));
        Assert.Equal(tasks.Count, table.Values.Count());
        foreach (var task in tasks)
        {
            Assert.True(table.Remove(task.Id));
        }

        Assert.Equal(0, table.Count);
        Assert.Empty(table.Values);
    }

    [Fact]
    public void Adding_an_id_twice_fails_and_a_missing_id_is_named()
    {
        var table = new PendingTable();
        var ring = (ulong)table.Slots;
        table.Add(7, Task(7));
        table.Add(7 + ring, Task(7 + ring));

        Assert.Throws<ArgumentException>(() => table.Add(7, Task(7)));
        Assert.Throws<ArgumentException>(() => table.Add(7 + ring, Task(7 + ring)));
        var missing = Assert.Throws<KeyNotFoundException>(() => table[8]);
        Assert.Contains("8", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tasks_may_be_removed_while_the_values_are_enumerated_and_clear_empties_the_table()
    {
        var table = new PendingTable();
        var ring = (ulong)table.Slots;
        foreach (var id in new ulong[] { 1, 2, 3, 1 + ring, 2 + ring })
        {
            table.Add(id, Task(id));
        }

        var seen = new List<ulong>();
        foreach (var task in table.Values)
        {
            seen.Add(task.Id);
            Assert.True(table.Remove(task.Id));
        }

        Assert.Equal(new ulong[] { 1, 2, 3, 1 + ring, 2 + ring }, seen.Order());
        Assert.Equal(0, table.Count);

        table.Add(5, Task(5));
        table.Add(5 + ring, Task(5 + ring));
        table.Clear();
        Assert.Equal(0, table.Count);
        Assert.False(table.ContainsKey(5));
        Assert.False(table.ContainsKey(5 + ring));
    }
}
