using System.Buffers;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit.Controller;

/// <summary>
/// The hub's path for what running tasks send their callers (output, stream items, progress, published values) and for the
/// callers' acknowledgements of stream items, which become the engines' credit.
/// </summary>
internal sealed partial class Hub
{
    /// <summary>
    /// Passes a task event to the task's client, on the engine's read loop and so in order with the task's result. An event of
    /// a task the engine no longer holds (finished, timed out, moved after a loss) or whose client left is dropped.
    /// </summary>
    private void Forward(EngineState engine, EngineTaskEventMessage header, in ReadOnlySequence<byte> eventBody)
    {
        TaskRecord? record;
        lock (_gate)
        {
            if (!engine.Outstanding.TryGetValue(header.TaskId, out record) || record.Finished || record.Client.Gone)
            {
                return;
            }

            if (header.Event == TaskEventKind.StreamItems)
            {
                record.Yielded = true;
            }
        }

        // Built outside the lock, as results are: a large batch of items is rewritten in the buffer it was read into.
        OutgoingFrame frame;
        if (engine.Channel.TryTakeLargeFrame(out var buffer, out var length))
        {
            frame = EngineTaskEventMessage.RewriteAsTaskEvent(buffer, length, record.ClientTaskId);
        }
        else
        {
            var builder = Message.Start(new TaskEventMessage(record.ClientTaskId, engine.Id, header.Event), (int)eventBody.Length);
            builder.Write(eventBody);
            frame = builder.Finish();
        }

        record.Client.Channel.Send(frame);
    }

    /// <summary>Tells the engine running a stream how far its caller has read.</summary>
    private void Acknowledge(ClientState client, StreamAckMessage ack)
    {
        EngineState? engine;
        ulong taskId;
        lock (_gate)
        {
            if (!client.Tasks.TryGetValue(ack.ClientTaskId, out var record) || record.Engine is not { } running || record.Finished)
            {
                return;
            }

            engine = running;
            taskId = record.Id;
        }

        engine.Channel.Send(Message.ToFrame(new StreamCreditMessage(taskId, ack.Consumed)));
    }
}
