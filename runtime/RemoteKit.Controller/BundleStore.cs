using System.Buffers;
using System.Collections.Concurrent;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit.Controller;

/// <summary>
/// The code bundles clients uploaded, by hash, kept in their wire form so they are forwarded to engines as they came.
/// Independent of the hub's task state, so it has its own (lock-free) synchronisation.
/// </summary>
internal sealed class BundleStore
{
    private readonly ConcurrentDictionary<string, byte[]> _bundles = new(StringComparer.Ordinal);

    public bool Contains(ReadOnlySpan<byte> hash) => _bundles.ContainsKey(Convert.ToHexString(hash));

    /// <summary>
    /// Keeps an uploaded bundle (a <see cref="CodeUploadMessage"/> body) once its hash is checked against its content: an
    /// upload filed under another bundle's hash breaks the protocol and closes the uploader's connection. A stored bundle
    /// is never replaced.
    /// </summary>
    public void Add(in ReadOnlySequence<byte> uploadBody)
    {
        var reader = new WireReader(uploadBody);
        var bundle = CodeBundle.Read(ref reader);
        reader.ExpectEnd();
        if (!bundle.IsIntact(out var problem))
        {
            throw new ProtocolViolationException($"Refused an uploaded code bundle for '{bundle.RootName}': {problem}.");
        }

        if (!_bundles.ContainsKey(bundle.HashKey))
        {
            _bundles.TryAdd(bundle.HashKey, uploadBody.ToArray());
        }
    }

    /// <summary>The reply to an engine's request for <paramref name="hash"/>: the bundle, or an explicit not-found.</summary>
    public CodeBundleMessage Reply(byte[] hash) =>
        _bundles.TryGetValue(Convert.ToHexString(hash), out var bundle) ? CodeBundleMessage.Of(bundle) : CodeBundleMessage.NotFound(hash);
}
