using System.Buffers;
using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;
using RemoteKit.Diagnostics;

namespace RemoteKit.Controller.History;

/// <summary>
/// The history's write path: changes reserved against the channel's bound (or counted as dropped), copied into spare
/// batches, and the background writer that merges and stores them.
/// </summary>
public sealed partial class TaskHistory
{
    private void Enqueue(TaskChange change)
    {
        Interlocked.Increment(ref _unstored);
        if (_events.Writer.TryWrite(change))
        {
            return;
        }

        Interlocked.Decrement(ref _unstored);
        Dropped(1);
    }

    /// <summary>Stores changes in the caller's thread, as the writer would.</summary>
    private void Store(ReadOnlySpan<TaskChange> changes)
    {
        try
        {
            _storage.Write(changes);
        }
        catch (Exception ex)
        {
            Interlocked.Add(ref _dropped, changes.Length);
            _logger.LogError(EventIds.TaskHistoryWriteFailed, ex, "Could not store {Count} task history events", changes.Length);
        }
    }

    /// <summary>Counts a batch of <paramref name="count"/> events against the queue's capacity, or drops it when past it.</summary>
    private bool TryReserve(int count)
    {
        if (count == 0)
        {
            return false;
        }

        if (Interlocked.Add(ref _batchedEvents, count) > _options.QueueCapacity)
        {
            Interlocked.Add(ref _batchedEvents, -count);
            Dropped(count);
            return false;
        }

        return true;
    }

    private TaskChange[] TakeSpareBatch()
    {
        if (_spareBatches.TryDequeue(out var spare))
        {
            Interlocked.Decrement(ref _spareCount);
            return spare;
        }

        return new TaskChange[BatchLength];
    }

    /// <summary>Clears the used part of a batch's array (it holds results and bodies) and keeps it for another batch.</summary>
    private void ReturnBatch(TaskChange[] changes, int count)
    {
        changes.AsSpan(0, count).Clear();
        if (Interlocked.Increment(ref _spareCount) <= MaxSpareBatches)
        {
            _spareBatches.Enqueue(changes);
        }
        else
        {
            Interlocked.Decrement(ref _spareCount);
        }
    }

    private void Dropped(int count)
    {
        var dropped = Interlocked.Add(ref _dropped, count);
        if (dropped == count || dropped / 100_000 != (dropped - count) / 100_000)
        {
            _logger.LogWarning(EventIds.TaskHistoryEventsDropped, "The task history writer is behind: {Dropped} events dropped so far", dropped);
        }
    }

    private async Task WriteLoopAsync()
    {
        var reader = _events.Reader;
        var pending = new TaskChange[Math.Min(_options.MaxBatchSize, 1024)];
        var flushes = new List<TaskCompletionSource>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            var events = 0;
            while (events < _options.MaxBatchSize && reader.TryRead(out var item))
            {
                switch (item)
                {
                    case TaskCompletionSource flush:
                        flushes.Add(flush);
                        break;
                    case ChangeBatch batch:
                        Interlocked.Add(ref _batchedEvents, -batch.Count);
                        Append(ref pending, events, batch.Changes.AsSpan(0, batch.Count));
                        events += batch.Count;
                        ReturnBatch(batch.Changes, batch.Count);
                        break;
                    default:
                        Append(ref pending, events, [(TaskChange)item]);
                        events++;
                        break;
                }
            }

            if (events > 0)
            {
                Store(pending.AsSpan(0, events));
                Interlocked.Add(ref _unstored, -events);

                // Only the store holds the results and bodies from here on.
                pending.AsSpan(0, events).Clear();
            }

            foreach (var flush in flushes)
            {
                flush.TrySetResult();
            }

            flushes.Clear();
        }
    }

    private static void Append(ref TaskChange[] pending, int count, ReadOnlySpan<TaskChange> changes)
    {
        if (count + changes.Length > pending.Length)
        {
            Array.Resize(ref pending, Math.Max(count + changes.Length, 2 * pending.Length));
        }

        changes.CopyTo(pending.AsSpan(count));
    }

    /// <summary>Changes recorded together, the first <see cref="Count"/> of a spare array: one item of the writer's queue.</summary>
    private sealed record ChangeBatch(TaskChange[] Changes, int Count);
}
