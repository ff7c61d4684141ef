using System.Buffers;
using RemoteKit.Transport;

namespace RemoteKit.Protocol;

/// <summary>
/// A message that is a whole frame body: its kind and how to write it. Each message type in Protocol/ documents its layout
/// and owns its <c>Write</c> and <c>Read</c>; nothing outside Protocol/ knows an offset.
/// </summary>
internal interface IMessage
{
    /// <summary>The frame's kind byte.</summary>
    MessageKind Kind { get; }

    /// <summary>A guess of the body size, to size the frame buffer.</summary>
    int SizeHint { get; }

    /// <summary>Writes the body (everything after the kind byte).</summary>
    void Write(IBufferWriter<byte> w);
}

/// <summary>Builds frames from messages.</summary>
internal static class Message
{
    /// <summary>A complete frame for <paramref name="message"/>.</summary>
    public static OutgoingFrame ToFrame<T>(in T message)
        where T : struct, IMessage
    {
        var frame = new FrameBuilder((byte)message.Kind, message.SizeHint);
        message.Write(frame);
        return frame.Finish();
    }

    /// <summary>A frame started with <paramref name="header"/>, for a caller that writes more after it (a task body, a result).</summary>
    public static FrameBuilder Start<T>(in T header, int bodySizeHint)
        where T : struct, IMessage
    {
        var frame = new FrameBuilder((byte)header.Kind, header.SizeHint + bodySizeHint);
        header.Write(frame);
        return frame;
    }
}
