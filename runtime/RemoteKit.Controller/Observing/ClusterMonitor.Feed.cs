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
internal sealed partial class ClusterMonitor : IThreadPoolWorkItem
{
    // Notes in the order they were posted: enqueueing takes no lock, on the hub's threads or under its lock.
    private readonly ConcurrentQueue<Note> _notes = new();

    // One batch at a time, in the order the notes were posted.
    private readonly Lock _drainGate = new();
    private readonly List<(LiveTask Task, int? EngineId, DateTimeOffset CompletedAt)> _ended = [];
    private readonly List<TaskChange> _records = [];
    private int _drainScheduled;

    private enum NoteKind : byte
    {
        Submitted,
        Started,
        Finished,
        EngineJoined,
        EngineLeft,
        EngineReported,
        EngineKept,
        ClientJoined,
        ClientLeft,
    }

    /// <summary>Applies the notes posted so far (the thread pool runs it after the first note since the last batch began).</summary>
    void IThreadPoolWorkItem.Execute() => Drain();

    /// <summary>Applies every note posted before this call, in order; returns once they are applied.</summary>
    internal void Drain()
    {
        var applied = false;
        lock (_drainGate)
        {
            // Cleared before reading: a note posted from here on schedules another batch, or is read by this one.
            Volatile.Write(ref _drainScheduled, 0);
            if (_notes.IsEmpty)
            {
                return;
            }

            lock (_gate)
            {
                while (_notes.TryDequeue(out var note))
                {
                    Apply(note);
                    applied = true;
                }
            }

            foreach (var (task, engineId, completedAt) in _ended)
            {
                ReleaseLiveArguments(task.Body);
                _records.Add(task.ToChange(engineId, completedAt));
            }

            _history?.RecordTasks(CollectionsMarshal.AsSpan(_records));
            _records.Clear();
            _ended.Clear();
        }

        if (applied)
        {
            Changed?.Invoke(this, EventArgs.Empty);
        }
    }

    /// <summary>Appends a note; the first after a batch began asks the thread pool for the next one.</summary>
    private void Post(in Note note)
    {
        _notes.Enqueue(note);
        if (Interlocked.Exchange(ref _drainScheduled, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    /// <summary>One note, under <see cref="_gate"/>.</summary>
    private void Apply(in Note note)
    {
        switch (note.Kind)
        {
            case NoteKind.Submitted:
                _live[note.Task!.TaskId] = note.Task;
                _submitted++;
                _waiting++;
                if (_clients.TryGetValue(note.Task.ClientId, out var submitter))
                {
                    submitter.Outstanding++;
                }

                break;
            case NoteKind.Started:
                Started(note.Task!, note.Id, new DateTimeOffset(note.Ticks, TimeSpan.Zero));
                break;
            case NoteKind.Finished:
                Finished(note.Task!, note.Id < 0 ? null : note.Id, new DateTimeOffset(note.Ticks, TimeSpan.Zero));
                break;
            case NoteKind.EngineJoined:
                _engines[note.Id] = new EngineStats(HostOf(note.Peer!));
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
            case NoteKind.ClientJoined:
                _clients[note.Id] = new ClientStats(note.Peer!, new DateTimeOffset(note.Ticks, TimeSpan.Zero));
                break;
            case NoteKind.ClientLeft:
                _clients.Remove(note.Id);
                break;
        }
    }

    private void Started(LiveTask task, int engineId, DateTimeOffset at)
    {
        if (!_live.ContainsKey(task.TaskId))
        {
            return;
        }

        task.Attempts++;
        task.StartedAt = at;
        if (task.EngineId is null)
        {
            _waiting--;
        }

        if (task.EngineId is { } previous && _engines.TryGetValue(previous, out var before))
        {
            before.Tasks.Remove(task.TaskId);
        }

        task.EngineId = engineId;
        if (_engines.TryGetValue(engineId, out var engine))
        {
            engine.Tasks.Add(task.TaskId);
        }
    }

    private void Finished(LiveTask task, int? engineId, DateTimeOffset at)
    {
        if (!_live.Remove(task.TaskId))
        {
            return;
        }

        var outcome = task.Outcome;
        if (task.EngineId is null)
        {
            _waiting--;
        }

        engineId ??= task.EngineId;
        var completed = outcome.Status == TaskHistoryStatus.Completed;
        if (task.EngineId is { } on && _engines.TryGetValue(on, out var engine))
        {
            engine.Tasks.Remove(task.TaskId);
            if (completed)
            {
                engine.Completed++;
            }
            else
            {
                engine.Failed++;
            }
        }

        if (_clients.TryGetValue(task.ClientId, out var client))
        {
            client.Outstanding = Math.Max(0, client.Outstanding - 1);
        }

        if (completed)
        {
            _completed++;
        }
        else
        {
            _failed++;
            _failures.AddFirst(new FailureSnapshot
            {
                TaskId = task.TaskId, Method = task.Method, EngineId = engineId, Time = at, ErrorType = outcome.ErrorType ?? "System.Exception", Message = outcome.Message,
                StackTrace = outcome.Stack,
            });
            if (_failures.Count > MaxRecentFailures)
            {
                _failures.RemoveLast();
            }
        }

        _ended.Add((task, engineId, at));
    }

    /// <summary>
    /// One event of the hub: a task's (<see cref="Task"/>, with an engine id in <see cref="Id"/> and a time in UTC ticks)
    /// or an engine's or client's (<see cref="Id"/>, and <see cref="Peer"/>, <see cref="A"/>, <see cref="B"/> as the kind needs).
    /// </summary>
    private readonly record struct Note(NoteKind Kind, LiveTask? Task = null, int Id = 0, long Ticks = 0, string? Peer = null, long A = 0, long B = 0);

    /// <summary>How a task ended, read on the task path from its result (or the hub's reason) and recorded in a batch.</summary>
    private readonly record struct TaskOutcome(
        TaskHistoryStatus Status, string? ErrorType, string? Message, string? Stack, long BytesOut, byte[]? Result, DateTimeOffset? Started);
}
