using System.Text.Json.Serialization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using RemoteKit.Controller.Observing;
using RemoteKit.Diagnostics;

namespace RemoteKit.Dashboard;

/// <summary>One point of the charts: tasks finished per second and tasks waiting.</summary>
internal sealed record DashboardSample(long Seq, DateTimeOffset Time, double Rate, int Queued);

/// <summary>What a page has not seen yet: the latest snapshot (if newer) and the chart points after its last one.</summary>
internal readonly record struct DashboardUpdate(long Version, byte[]? Snapshot, DashboardSample[] Samples, Task Next);

/// <summary>
/// Turns the observer into what pages receive: a snapshot at most every <see cref="DashboardOptions.UpdateInterval"/>
/// after a change, and a chart point every <see cref="DashboardOptions.SampleInterval"/>. Slow pages skip intermediate
/// snapshots rather than queue them.
/// </summary>
internal sealed class DashboardFeed : IAsyncDisposable
{
    private readonly IClusterObserver _observer;
    private readonly DashboardOptions _options;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Queue<DashboardSample> _samples = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private TaskCompletionSource _published = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private byte[] _snapshot;
    private long _version;
    private long _nextSeq;
    private int _stale;
    private (DateTimeOffset Time, long Finished)? _lastSample;

    public DashboardFeed(IClusterObserver observer, DashboardOptions options, ILogger logger)
    {
        _observer = observer;
        _options = options;
        _logger = logger;
        var first = observer.GetSnapshot();
        AddSample(first);
        _snapshot = Serialize(first);
        _version = 1;
        observer.Changed += OnChanged;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>The latest snapshot as JSON.</summary>
    public byte[] Snapshot
    {
        get
        {
            lock (_gate)
            {
                return _snapshot;
            }
        }
    }

    /// <summary>What a page that saw <paramref name="version"/> and sample <paramref name="seq"/> has yet to see.</summary>
    public DashboardUpdate After(long version, long seq)
    {
        lock (_gate)
        {
            return new DashboardUpdate(
                _version,
                _version > version ? _snapshot : null,
                _samples.Where(s => s.Seq > seq).ToArray(),
                _published.Task);
        }
    }

    public static byte[] Serialize(DashboardSample[] samples) =>
        JsonSerializer.SerializeToUtf8Bytes(samples, DashboardJson.Default.DashboardSampleArray);

    public async ValueTask DisposeAsync()
    {
        _observer.Changed -= OnChanged;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        lock (_gate)
        {
            _published.TrySetCanceled();
        }

        _stop.Dispose();
    }

    private static byte[] Serialize(ClusterSnapshot snapshot) =>
        JsonSerializer.SerializeToUtf8Bytes(snapshot, DashboardJson.Default.ClusterSnapshot);

    private void OnChanged(object? sender, EventArgs e) => Volatile.Write(ref _stale, 1);

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(_options.UpdateInterval);
        var nextSample = DateTimeOffset.UtcNow + _options.SampleInterval;
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                var now = DateTimeOffset.UtcNow;
                var sampleDue = now >= nextSample;
                var stale = Interlocked.Exchange(ref _stale, 0) == 1;
                if (!stale && !sampleDue)
                {
                    continue;
                }

                try
                {
                    Publish(_observer.GetSnapshot(), sampleDue);
                }
                catch (Exception ex)
                {
                    _logger.LogWarning(EventIds.DashboardSnapshotFailed, ex, "The dashboard could not take a snapshot of the cluster");
                }

                if (sampleDue)
                {
                    nextSample = now + _options.SampleInterval;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    // A chart point's snapshot is published too, so the totals shown always agree with the charts.
    private void Publish(ClusterSnapshot snapshot, bool sample)
    {
        var json = Serialize(snapshot);
        TaskCompletionSource published;
        lock (_gate)
        {
            if (sample)
            {
                AddSample(snapshot);
            }

            _snapshot = json;
            _version++;

            published = _published;
            _published = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        published.TrySetResult();
    }

    private void AddSample(ClusterSnapshot snapshot)
    {
        var finished = snapshot.Totals.Completed + snapshot.Totals.Failed;
        var rate = 0.0;
        if (_lastSample is var (time, before) && snapshot.Time > time)
        {
            rate = Math.Max(0, finished - before) / (snapshot.Time - time).TotalSeconds;
        }

        _lastSample = (snapshot.Time, finished);
        _samples.Enqueue(new DashboardSample(++_nextSeq, snapshot.Time, rate, snapshot.Totals.Queued));
        while (_samples.Count > _options.SampleCount)
        {
            _samples.Dequeue();
        }
    }
}

/// <summary>The JSON the page reads: camelCase, enums as names.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ClusterSnapshot))]
[JsonSerializable(typeof(DashboardSample[]))]
internal sealed partial class DashboardJson : JsonSerializerContext;
