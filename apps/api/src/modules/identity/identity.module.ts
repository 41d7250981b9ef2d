import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountService } from './account.service';
import { IdentityController } from './identity.controller';
import { MembershipDirectory } from './membership-directory';
import { SessionAdminService } from './session-admin.service';
import { SessionsController } from './sessions.controller';
import { SignInService } from './sign-in.service';
import { UserEntity } from './user.entity';
import { UsersService } from './users.service';

/**
 * Users, passwords, sign-in, one's own account and sessions. The org chart is read through the exported
 * `MembershipDirectory` port, which the org module fills in.
 */
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity])],
  controllers: [IdentityController, SessionsController],
  providers: [SignInService, AccountService, UsersService, SessionAdminService, MembershipDirectory],
  exports: [UsersService, MembershipDirectory],
})
export class IdentityModule {}
