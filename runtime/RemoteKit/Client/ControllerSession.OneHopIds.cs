using System.Buffers;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit;

/// <summary>
/// The task ids of one-hop tasks: blocks the controller reserves from its own counter (<see cref="ControlOp.TaskIds"/>),
/// so ids stay unique in the cluster; the next block is asked for once a quarter of the current one is used, so that it
/// is at hand before a burst has used the rest.
/// </summary>
internal sealed partial class ControllerSession
{
    /// <summary>How few ids may be left before the next block is asked for.</summary>
    private const int AskForIdsBelow = 12 * 1024;

    private ulong _nextDirectId;
    private ulong _directIdsEnd;
    private TaskIdBlock _spareIds;
    private bool _askingIds;

    /// <summary>The next id of the client's blocks; asks for the next block once few are left.</summary>
    private bool TakeDirectIdLocked(out ulong id)
    {
        if (_nextDirectId == _directIdsEnd && _spareIds.Count > 0)
        {
            (_nextDirectId, _directIdsEnd, _spareIds) = (_spareIds.First, _spareIds.First + (ulong)_spareIds.Count, default);
        }

        var left = _directIdsEnd - _nextDirectId;
        if (left < AskForIdsBelow && _spareIds.Count == 0 && !_askingIds && Direct is { } direct)
        {
            _askingIds = true;
            _ = AskForTaskIdsAsync(direct.ClientId);
        }

        id = left == 0 ? 0 : _nextDirectId++;
        return left > 0;
    }

    private async Task AskForTaskIdsAsync(Guid directClient)
    {
        await Task.Yield();
        TaskIdBlock block = default;
        try
        {
            var reply = await RequestAsync(
                directClient, static (id, client) => Message.ToFrame(new ControlRequestMessage(id, ControlOp.TaskIds, client)), ordered: false, CancellationToken.None).ConfigureAwait(false);
            var reader = new WireReader(new ReadOnlySequence<byte>(reply));
            ControlReplyMessage.Read(ref reader);
            block = TaskIdBlock.Read(ref reader);
        }
        catch (RemoteKitConnectionException)
        {
            // Tasks go through the controller; the next eligible one asks again.
        }

        lock (_hopGate)
        {
            _askingIds = false;
            if (block.Count > 0)
            {
                _spareIds = block;
                PumpLeasedLocked();
            }
        }
    }

    /// <summary>Drops the ids granted by a controller that was lost: one restored in its place numbers its tasks anew.</summary>
    private void ForgetTaskIds()
    {
        lock (_hopGate)
        {
            (_nextDirectId, _directIdsEnd, _spareIds) = (0, 0, default);
            ForgetLeasesLocked();
        }
    }
}
