using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace RemoteKit.Observability.Tests.Diagnostics;

/// <summary>Records every measurement of one meter's instruments (and only that meter's, so tests can run in parallel).</summary>
internal sealed class MeterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Name, double Value, KeyValuePair<string, object?>[] Tags)> _measurements = new();
    private readonly ConcurrentQueue<Instrument> _instruments = new();

    public MeterRecorder(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                _instruments.Enqueue(instrument);
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Add(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
        _listener.Start();
    }

    public IReadOnlyList<Instrument> Instruments => [.. _instruments];

    /// <summary>Polls the observable instruments once.</summary>
    public void Collect() => _listener.RecordObservableInstruments();

    public double[] Values(string instrument, params (string Key, object? Value)[] tags) =>
        _measurements
            .Where(m => m.Name == instrument && tags.All(t => m.Tags.Any(kv => kv.Key == t.Key && Equals(kv.Value, t.Value))))
            .Select(m => m.Value)
            .ToArray();

    public double Sum(string instrument, params (string Key, object? Value)[] tags) => Values(instrument, tags).Sum();

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _measurements.Enqueue((instrument.Name, value, tags.ToArray()));
}
