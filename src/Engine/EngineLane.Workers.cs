namespace OrleansServe.Engine;

/// <summary>The worker threads: take a batch, shed what cannot finish in time, run the rest.</summary>
internal sealed partial class EngineLane
{
    private void WorkerLoop()
    {
        using var context = new WorkerContext(_engine.Options, _engine.Metrics);
        var batch = new List<WorkItem>(_engine.Options.MaxBatchSize);
        var shed = new List<WorkItem>();
        while (_queue.Take(batch, shed))
        {
            foreach (var item in shed)
            {
                EngineLog.Shed(_engine.Logger, item.Request.Id, item.Model, item.RemainingMs(_engine.Time.GetUtcNow().UtcTicks), item.ExpectedServiceMs);
                item.TryFail(new InferenceException(InferenceErrorKind.DeadlineExceeded,
                    $"The request waited {item.QueueMs:F0} ms; its deadline no longer leaves the {item.ExpectedServiceMs:F0} ms its work needs."));
            }
            if (batch.Count > 0)
            {
                var taken = batch.Count;
                RunBatch(batch, context);
                _queue.Finished(taken);
            }
            batch.Clear();
            shed.Clear();
        }
    }

    private void RunBatch(List<WorkItem> batch, WorkerContext context)
    {
        // A caller that cancelled between the queue and here does not get its work computed.
        batch.RemoveAll(item => item.CancellationToken.IsCancellationRequested
            && item.TryFail(new InferenceException(InferenceErrorKind.Cancelled, "The caller cancelled the request.")));
        if (batch.Count == 0)
        {
            return;
        }

        var micros = (long)(batch.Sum(i => i.ExpectedServiceMs) * 1000);
        Interlocked.Add(ref _inFlight, batch.Count);
        Interlocked.Add(ref _inFlightMicros, micros);
        var model = _engine.TryGetReady(batch[0].Model);
        var acquired = model?.TryAcquire() == true;
        try
        {
            foreach (var item in batch)
            {
                item.MarkStarted();
                _waitCorrection.Observe(item.AdmittedWaitMs, item.QueueMs);
                _engine.Started(item.Request);
            }
            if (!acquired)
            {
                FailAll(batch, InferenceErrorKind.ModelNotLoaded, $"Model '{batch[0].Model}' was unloaded while the request waited.");
                return;
            }
            model!.Execute(batch, context);
            FailAll(batch, InferenceErrorKind.Internal, "The model finished its batch without answering this request.");
        }
        catch (Exception ex)
        {
            EngineLog.BatchFailed(_engine.Logger, ex, batch[0].Model, batch.Count);
            FailAll(batch, InferenceErrorKind.Internal, $"Inference failed: {ex.Message}");
        }
        finally
        {
            if (acquired)
            {
                model!.Release();
            }
            Interlocked.Add(ref _inFlight, -batch.Count);
            Interlocked.Add(ref _inFlightMicros, -micros);
        }
    }

    /// <summary>Fails the items of <paramref name="batch"/> that are still pending (completed ones are left alone).</summary>
    private static void FailAll(List<WorkItem> batch, InferenceErrorKind kind, string message)
    {
        foreach (var item in batch)
        {
            if (!item.Task.IsCompleted)
            {
                item.TryFail(new InferenceException(kind, message));
            }
        }
    }
}
