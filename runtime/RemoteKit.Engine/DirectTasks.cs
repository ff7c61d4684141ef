using System.Buffers;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit.Engine;

/// <summary>
/// The tasks of the direct path for bulk data (<see cref="DirectListener"/>): where clients reach this engine, a push whose
/// value comes on the client's direct connection (kept in the buffer it arrived in), and a pull whose large value goes back
/// that way. They travel through the controller like every task, so they keep their order with the caller's other tasks.
/// </summary>
internal static class DirectTasks
{
    /// <summary>Values smaller than this are answered inline, through the controller.</summary>
    public const int MinimumDirectBytes = 1024 * 1024;

    public static async Task RunAsync(EngineSession session, WorkItem item, FrameBuilder payload, RemoteContext context)
    {
        var (kind, push, pull) = Parse(item.Body);
        var direct = session.Direct;
        switch (kind)
        {
            case TaskKind.DirectEndpoint:
                new DirectEndpointReply(direct?.Host, direct?.Port ?? 0, direct?.TlsFingerprint).Write(payload);
                break;
            case TaskKind.DirectPush:
            {
                if (direct is null)
                {
                    throw new InvalidOperationException("This engine has no direct path; push through the controller.");
                }

                var value = await direct.Inbox.WaitAsync(push.ClientId, push.Token, FrameDeadline.Default.For(push.Length), context.CancellationToken).ConfigureAwait(false);
                try
                {
                    context.Namespace.SetSerialized(push.Name, push.TypeName, value.Bytes, value.Owner);
                }
                finally
                {
                    value.Owner.Release();
                }

                break;
            }

            default:
                Pull(direct, pull, payload, context);
                break;
        }
    }

    private static void Pull(DirectListener? direct, DirectPullTask task, FrameBuilder payload, RemoteContext context)
    {
        if (!context.Namespace.TryGetEntry(task.Name, out var entry))
        {
            throw new KeyNotFoundException($"Engine {context.EngineId} has no variable named '{task.Name}' in its namespace; push or scatter it first.");
        }

        if (direct is null || !direct.IsConnected(task.ClientId) || (entry.IsSerialized && entry.Bytes.Length < MinimumDirectBytes))
        {
            DirectPullReply.WriteInline(payload, entry.TypeName, entry, static (w, e) => e.WriteTo(w));
            return;
        }

        if (entry.Buffer is { } buffer && entry.Bytes.Length >= MinimumDirectBytes)
        {
            // The value's bytes go out from the buffer they arrived in: the frame holds a share of it until sent.
            var header = Message.Start(new DirectDataMessage(task.Token), 0);
            if (direct.TrySend(task.ClientId, header.Finish(entry.Bytes, buffer)))
            {
                DirectPullReply.WriteDirect(payload, entry.TypeName, entry.Bytes.Length);
                return;
            }
        }

        var frame = Message.Start(new DirectDataMessage(task.Token), entry.Bytes.Length);
        var start = frame.Position;
        entry.WriteTo(frame);
        var length = frame.Position - start;
        if (length < MinimumDirectBytes)
        {
            var built = frame.Finish();
            try
            {
                DirectPullReply.WriteInline(payload, entry.TypeName, built.Memory[(start)..], static (w, bytes) => w.Write(bytes.Span));
            }
            finally
            {
                built.Return();
            }

            return;
        }

        // Sent before the result: the client waits for whichever comes second. If the connection closed meanwhile, inline.
        if (direct.TrySend(task.ClientId, frame.Finish()))
        {
            DirectPullReply.WriteDirect(payload, entry.TypeName, length);
            return;
        }

        DirectPullReply.WriteInline(payload, entry.TypeName, entry, static (w, e) => e.WriteTo(w));
    }

    private static (TaskKind Kind, DirectPushTask Push, DirectPullTask Pull) Parse(ReadOnlyMemory<byte> body)
    {
        var reader = new WireReader(new ReadOnlySequence<byte>(body));
        var kind = TaskBody.ReadKind(ref reader);
        return kind switch
        {
            TaskKind.DirectEndpoint => (kind, default, default),
            TaskKind.DirectPush => (kind, DirectPushTask.Read(ref reader), default),
            _ => (kind, default, DirectPullTask.Read(ref reader)),
        };
    }
}
