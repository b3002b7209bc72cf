package dev.backtrack.sandbox;

/** Realistic {@code printStackTrace} text for the demo dead letters (what Spring and Connect put in their headers). */
final class StackTraces {
    private StackTraces() {
    }

    static String spring(DeadLettersWriter.Failure failure) {
        return failure.fqcn() + ": " + failure.message() + "\n"
                + "\tat org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer.decorateException(KafkaMessageListenerContainer.java:3001)\n"
                + "\tat org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer.doInvokeOnMessage(KafkaMessageListenerContainer.java:2902)\n"
                + "\tat org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer.invokeOnMessage(KafkaMessageListenerContainer.java:2858)\n"
                + "\tat org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer.run(KafkaMessageListenerContainer.java:1341)\n"
                + "\tat java.base/java.lang.Thread.run(Thread.java:1583)\n"
                + "Caused by: " + failure.causeFqcn() + ": " + failure.causeMessage() + "\n"
                + "\tat com.acme.fulfilment.OrderService.fulfil(OrderService.java:87)\n"
                + "\tat com.acme.fulfilment.OrderListener.onOrder(OrderListener.java:42)\n"
                + "\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)\n"
                + "\tat org.springframework.messaging.handler.invocation.InvocableHandlerMethod.doInvoke(InvocableHandlerMethod.java:169)\n"
                + "\t... 4 more\n";
    }

    static String connect(DeadLettersWriter.ConnectFailure failure) {
        return failure.exceptionClass() + ": " + failure.message() + "\n"
                + "\tat " + failure.className() + ".put(" + simpleName(failure.className()) + ".java:93)\n"
                + "\tat org.apache.kafka.connect.runtime.WorkerSinkTask.deliverMessages(WorkerSinkTask.java:607)\n"
                + "\tat org.apache.kafka.connect.runtime.WorkerSinkTask.poll(WorkerSinkTask.java:345)\n"
                + "\tat org.apache.kafka.connect.runtime.WorkerSinkTask.iteration(WorkerSinkTask.java:247)\n"
                + "\tat org.apache.kafka.connect.runtime.WorkerTask.run(WorkerTask.java:237)\n"
                + "\tat java.base/java.lang.Thread.run(Thread.java:1583)\n";
    }

    private static String simpleName(String className) {
        String name = className.substring(className.lastIndexOf('.') + 1);
        int inner = name.indexOf('$');
        return inner < 0 ? name : name.substring(0, inner);
    }
}
