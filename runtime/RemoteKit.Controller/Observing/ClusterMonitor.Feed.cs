using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using RemoteKit.Controller.History;

namespace RemoteKit.Controller.Observing;

/// <summary>
/// How the hub feeds the monitor: each event is a note appended to a lock-free queue (the only work on the hub's threads
/// besides metrics and spans), and one batch at a time, on the thread pool, applies the notes in order under
/// <see cref="_gate"/> and hands finished tasks to the history. Whatever answers from that state (history requests,
/// resubmissions, the dashboard's snapshot) first applies what is pending, so it sees every event the hub reported
/// before it: a client that saw a task's result finds the task's record.
/// </summary>
/// <remarks>
/// A batch runs <see cref="DrainDelay"/> after the first note since the last one began, not at once: waking a pool thread
/// for each note or two cost more than applying them (on two cores, the wake-ups alone came to a few hundred nanoseconds
/// per one-hop task), and a millisecond's notes are applied in one pass for about the cost of one.
/// </remarks>
internal sealed partial class ClusterMonitor
{
    /// <summary>How long notes wait for the batch that applies them, unless something asks for them first.</summary>
    internal static readonly TimeSpan DrainDelay = TimeSpan.FromMilliseconds(1);

    // Notes in the order they were posted: enqueueing takes no lock, on the hub's threads or under its lock.
    private readonly ConcurrentQueue<Note> _notes = new();

    // One batch at a time, in the order the notes were posted.
    private readonly Lock _drainGate = new();
    private readonly List<TaskChange> _records = [];
    private readonly Timer _drainTimer;
    private int _drainScheduled;

    // 1 when a task started since the last batch: the snapshot changed without a note.
    private int _startedUnseen;

    private enum NoteKind : byte
    {
        Submitted,
        Finished,
        EngineJoined,
        EngineLeft,
        EngineReported,
        EngineKept,
        EngineHeldOneHop,
        ClientJoined,
        ClientLeft,
        DirectEnded,
    }

    /// <summary>Applies every note posted before this call, in order; returns once they are applied.</summary>
    internal void Drain()
    {
        bool applied;
        lock (_drainGate)
        {
            // Cleared before reading: a note posted from here on schedules another batch, or is read by this one.
            Volatile.Write(ref _drainScheduled, 0);
            applied = Volatile.Read(ref _startedUnseen) != 0 && Interlocked.Exchange(ref _startedUnseen, 0) != 0;
            if (!_notes.IsEmpty)
            {
                lock (_gate)
                {
                    while (_notes.TryDequeue(out var note))
                    {
                        Apply(note);
                        applied = true;
                    }
                }

                _history?.RecordTasks(CollectionsMarshal.AsSpan(_records), borrowedBodies: true);
                _records.Clear();
                ReleaseLiveBodies();
            }
        }

        if (applied)
        {
            Changed?.Invoke(this, EventArgs.Empty);
        }
    }

    /// <summary>Appends a note; the first after a batch began schedules the next one, <see cref="DrainDelay"/> later.</summary>
    private void Post(in Note note)
    {
        _notes.Enqueue(note);
        ScheduleDrain();
    }

    /// <summary>Schedules a batch unless one is (a task that started changed what a batch reports, without a note).</summary>
    private void ScheduleDrain()
    {
        // Read before exchanged: while a batch is already scheduled, posting writes nothing shared but the queue.
        if (Volatile.Read(ref _drainScheduled) == 0 && Interlocked.Exchange(ref _drainScheduled, 1) == 0)
        {
            try
            {
                _drainTimer.Change(DrainDelay, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // Disposed: DisposeAsync applied what was posted before; nothing applies a later note.
            }
        }
    }

    /// <summary>One note, under <see cref="_gate"/>.</summary>
    private void Apply(in Note note)
    {
        switch (note.Kind)
        {
            case NoteKind.Submitted:
                Submitted((LiveTask)note.Ref!);
                break;
            case NoteKind.Finished:
                Finished((LiveTask)note.Ref!, note.Id < 0 ? null : note.Id, note.A);
                break;
            case NoteKind.DirectEnded:
                DirectEnded(note.Id, note.A, (List<DirectFailure>?)note.Ref, note.B);
                break;
            case NoteKind.EngineJoined:
                _engines[note.Id] = new EngineStats(HostOf((string)note.Ref!));
                break;
            case NoteKind.EngineLeft:
                _engines.Remove(note.Id);
                break;
            case NoteKind.EngineReported when _engines.TryGetValue(note.Id, out var reported):
                reported.ProcessId = (int)note.A;
                reported.MemoryBytes = note.B;
                break;
            case NoteKind.EngineKept when _engines.TryGetValue(note.Id, out var keeping):
                keeping.KeptBytes = note.A;
                break;
            case NoteKind.EngineHeldOneHop when _engines.TryGetValue(note.Id, out var holding):
                holding.OneHop = (int)note.A;
                break;
            case NoteKind.ClientJoined:
                _clients[note.Id] = new ClientStats((string)note.Ref!, At(note.A));
                break;
            case NoteKind.ClientLeft:
                _clients.Remove(note.Id);
                break;
        }
    }

    private void Submitted(LiveTask task)
    {
        _live[task.TaskId] = task;
        _submitted++;
        if (_clients.TryGetValue(task.ClientId, out var submitter))
        {
            submitter.Outstanding++;
        }
    }

    private void Finished(LiveTask task, int? engineId, long atTicks)
    {
        if (!_live.Remove(task.TaskId))
        {
            return;
        }

        var outcome = task.Outcome;
        var completed = outcome.Status == TaskHistoryStatus.Completed;
        if (task.EngineId >= 0 && _engines.TryGetValue(task.EngineId, out var engine))
        {
            engine.Count(completed);
        }

        engineId ??= task.EngineId < 0 ? null : task.EngineId;
        if (_clients.TryGetValue(task.ClientId, out var client))
        {
            client.Outstanding = Math.Max(0, client.Outstanding - 1);
        }

        Ended(task.TaskId, task.Method, engineId, atTicks, outcome.Failure, completed);
        if (_history is not null)
        {
            _records.Add(task.ToChange(engineId, atTicks));
            if (task.Body.Exists)
            {
                _released.Add(task.Body);
            }
        }
    }

    /// <summary>A task's end in the totals and the recent failures.</summary>
    private void Ended(ulong taskId, string? method, int? engineId, long atTicks, TaskError? failure, bool completed)
    {
        if (completed)
        {
            _completed++;
            return;
        }

        _failed++;
        _failures.AddFirst(new FailureSnapshot
        {
            TaskId = taskId, Method = method, EngineId = engineId, Time = At(atTicks), ErrorType = failure?.Type ?? "System.Exception",
            Message = failure?.Message, StackTrace = failure?.Stack,
        });
        if (_failures.Count > MaxRecentFailures)
        {
            _failures.RemoveLast();
        }
    }

    /// <summary>
    /// One event of the hub: a task's (<see cref="Ref"/> its <see cref="LiveTask"/>, <see cref="Id"/> an engine id, <see cref="A"/>
    /// a time in UTC ticks); a batch of one-hop tasks' (<see cref="Id"/> their engine, <see cref="A"/> how many completed,
    /// <see cref="Ref"/> the failures of the others, <see cref="B"/> when they ended); or an engine's or client's
    /// (<see cref="Id"/>; <see cref="Ref"/> its peer, <see cref="A"/> and <see cref="B"/> as the kind needs).
    /// </summary>
    private readonly record struct Note(NoteKind Kind, int Id = 0, object? Ref = null, long A = 0, long B = 0);
}
