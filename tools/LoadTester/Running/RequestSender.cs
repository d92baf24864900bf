using OrleansServe.LoadTester.Requests;

namespace OrleansServe.LoadTester.Running;

/// <summary>Sends one request and records it, timing it from its scheduled send time.</summary>
public sealed class RequestSender(
    HttpClient client, IRequestFactory factory, RunClock clock, LiveCounters counters, double lateThresholdMs)
{
    /// <summary>The clock the records' times refer to.</summary>
    public RunClock Clock => clock;

    /// <summary>
    /// Sends request <paramref name="index"/>. Latency runs from <paramref name="scheduledTimestamp"/>,
    /// not from the actual send, so time lost waiting to send is not hidden (no coordinated omission).
    /// </summary>
    public async Task<RequestRecord> SendAsync(long index, long scheduledTimestamp, CancellationToken cancellationToken)
    {
        var record = new RequestRecord
        {
            ScheduledMs = clock.ToMs(scheduledTimestamp),
            SentMs = clock.ElapsedMs,
            QueueMs = double.NaN,
            InferenceMs = double.NaN,
        };
        counters.OnSent(record.SentMs - record.ScheduledMs > lateThresholdMs);
        try
        {
            using var request = factory.Create(index, out var model);
            record.Model = model;
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            record.Status = (int)response.StatusCode;
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (record.IsSuccess)
            {
                ResponseBodyParser.Parse(body, out record.Server, out record.QueueMs, out record.InferenceMs);
            }
            else
            {
                record.Error = ResponseBodyParser.ProblemText(body);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            record.Error = "cancelled";
        }
        catch (TaskCanceledException)
        {
            // HttpClient.Timeout surfaces as a cancellation that the caller did not ask for.
            record.Error = "timeout";
        }
        catch (HttpRequestException e)
        {
            record.Error = e.HttpRequestError == HttpRequestError.Unknown ? "transport" : e.HttpRequestError.ToString();
        }

        record.LatencyMs = clock.ElapsedMs - record.ScheduledMs;
        counters.OnCompleted(record);
        return record;
    }
}
