package org.iotplatform.infrastructure.concurrent;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.inject.Inject;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads command work runs on: answers handed back to callers, history written after the fact,
 * sends after a commit. Payara's default managed executor has a core size of 0 and an unbounded queue,
 * which makes it run one task at a time (measured: direct methods queued for seconds at 100/s), so the
 * application keeps a pool of its own, made of container threads ({@link ManagedThreadFactory}: they
 * may call EJBs). When the queue is full the caller runs the task itself rather than losing it.
 */
@Singleton
@Startup // made at deployment on a container thread; made lazily on a Paho thread it fails
@LocalBean // implementing Executor would otherwise make Executor its only view
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CommandThreads implements Executor {

   @Resource
   ManagedThreadFactory threads;

   @Inject
   @ConfigProperty(name = "iot.commands.threads", defaultValue = "8")
   int size;

   private ThreadPoolExecutor pool;

   @PostConstruct
   void start() {
      pool = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(20_000), threads,
            new ThreadPoolExecutor.CallerRunsPolicy());
   }

   @Override
   public void execute(Runnable task) {
      pool.execute(task);
   }

   @PreDestroy
   void stop() {
      pool.shutdown();
   }
}
