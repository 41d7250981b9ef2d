import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountService } from './account.service';
import { IdentityController } from './identity.controller';
import { SessionAdminService } from './session-admin.service';
import { SessionsController } from './sessions.controller';
import { SignInService } from './sign-in.service';
import { UserEntity } from './user.entity';
import { UsersService } from './users.service';

/** Users, passwords, sign-in, one's own account and sessions. */
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity])],
  controllers: [IdentityController, SessionsController],
  providers: [SignInService, AccountService, UsersService, SessionAdminService],
  exports: [UsersService],
})
export class IdentityModule {}
