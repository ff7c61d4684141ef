namespace RemoteKit.Transport;

/// <summary>
/// What the controller's hub and the engine's session need of a connection: send frames, close it, and keep a large
/// incoming frame's buffer. <see cref="FrameConnection"/> implements it over TCP; unit tests implement it in memory.
/// </summary>
internal interface IFrameChannel
{
    /// <summary>A name for logs.</summary>
    string Name { get; set; }

    /// <summary>Why the channel closed, if it did.</summary>
    string? CloseReason { get; }

    /// <summary>Queues a frame. Returns false (and releases the frame) if the channel is closed.</summary>
    bool Send(OutgoingFrame frame);

    /// <summary>
    /// Whether the peer's bytes are waiting that have not been read yet: a peer whose frames wait unread is not silent, its
    /// reader is behind (the controller starved of CPU while a thousand engines start, say).
    /// </summary>
    bool HasUnreadInput { get; }

    /// <summary>Closes the channel with a reason. Idempotent.</summary>
    void Close(string reason);

    /// <summary>Closes the channel once every frame queued so far has been sent.</summary>
    void CloseAfterSending(string reason);

    /// <summary>
    /// Called while handling a frame: takes ownership of that frame's buffer if it was read whole into one pooled array
    /// (prefix, kind and body from offset 0, <paramref name="length"/> bytes).
    /// </summary>
    bool TryTakeLargeFrame(out byte[] buffer, out int length);
}
